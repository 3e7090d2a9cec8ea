package vlmscope.data;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.Json;
import vlmscope.VlmscopeException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What'sUp's COCO-spatial JSON ({@code coco_qa_two_obj.json}, docs/paper-mapping.md#samples): an array of
 * {@code [image_id, true_caption, false_caption]} rows, and its relation subsets in JSON order (docs/paper-mapping.md#samples).
 */
public final class WhatsUpDataset {

    private final Path file;
    private final List<WhatsUpRow> rows;

    private WhatsUpDataset(Path file, List<WhatsUpRow> rows) {
        this.file = file;
        this.rows = List.copyOf(rows);
    }

    /** Reads and checks the JSON; a missing file, bad JSON, a malformed row or no rows is one clear error. */
    public static WhatsUpDataset read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw VlmscopeException.badInput(file, "What'sUp JSON not found",
                    "pass the COCO-spatial file (e.g. coco_qa_two_obj.json) from What'sUp's data");
        }
        JsonNode root = Json.read(file, "not valid JSON", "restore the What'sUp file");
        if (root == null || !root.isArray()) {
            throw VlmscopeException.badInput(file, "expected a JSON array of [image_id, true_caption, false_caption]",
                    "use What'sUp's coco_qa_two_obj.json");
        }
        List<WhatsUpRow> rows = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode r = root.get(i);
            if (!r.isArray() || r.size() != 3 || !r.get(0).canConvertToLong() || !r.get(1).isTextual()
                    || !r.get(2).isTextual()) {
                throw VlmscopeException.badInput(file, "row " + i + " is " + r
                        + ", not [image_id, true_caption, false_caption]", "use What'sUp's coco_qa_two_obj.json");
            }
            rows.add(new WhatsUpRow(i, r.get(0).asLong(), r.get(1).asText(), r.get(2).asText()));
        }
        if (rows.isEmpty()) {
            throw VlmscopeException.badInput(file, "the dataset has no rows", "use What'sUp's coco_qa_two_obj.json");
        }
        return new WhatsUpDataset(file, rows);
    }

    public Path file() {
        return file;
    }

    public List<WhatsUpRow> rows() {
        return rows;
    }

    /**
     * Rows whose true caption contains "to the left of " or "to the right of ", in JSON order, labelled with that
     * direction (left is tested first, as the paper's scripts do).
     */
    public List<LabelledRow> leftRight() {
        List<LabelledRow> out = new ArrayList<>();
        for (WhatsUpRow r : rows) {
            if (r.trueCaption().contains("to the left of ")) out.add(new LabelledRow(r, "left"));
            else if (r.trueCaption().contains("to the right of ")) out.add(new LabelledRow(r, "right"));
        }
        if (out.isEmpty()) {
            throw VlmscopeException.badInput(file, "no row's true caption says 'to the left of ' or 'to the right of '",
                    "use What'sUp's two-object file, which has left/right rows");
        }
        return out;
    }
}
