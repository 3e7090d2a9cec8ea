package vlmscope.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vlmscope.VlmscopeException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over a results file's bytes, sorting its lines into the header, records (first one of each key; later
 * ones are counted as duplicates), a torn last line (no newline, or unparsable and last: a kill mid-write) and damaged
 * lines (anything else that is not a header on line 1 or a keyed record after it).
 */
record ResultsScan(Path file, JsonNode header, List<JsonNode> records, List<String> duplicateKeys, List<Line> good,
                   Line torn, List<Line> damaged) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line: its 1-based number, byte range [start, end) without the newline, and what is wrong (null: good). */
    record Line(int number, int start, int end, String problem) {
        String text(byte[] bytes) {
            return new String(bytes, start, end - start, StandardCharsets.UTF_8);
        }
    }

    static ResultsScan empty(Path file) {
        return new ResultsScan(file, null, List.of(), List.of(), List.of(), null, List.of());
    }

    static ResultsScan of(Path file, byte[] bytes) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i < bytes.length && bytes[i] != '\n') continue;
            if (i == bytes.length && start == bytes.length) break;
            lines.add(new Line(lines.size() + 1, start, i, i == bytes.length ? "no newline at its end" : null));
            start = i + 1;
        }
        JsonNode header = null;
        Map<String, JsonNode> records = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        List<Line> good = new ArrayList<>(), bad = new ArrayList<>();
        for (Line line : lines) {
            String problem = line.problem();
            JsonNode node = null;
            if (problem == null) {
                try {
                    node = JSON.readTree(line.text(bytes));
                } catch (IOException e) {
                    problem = "not valid JSON";
                }
            }
            if (problem == null) problem = kindProblem(line.number(), node);
            if (problem != null) {
                bad.add(new Line(line.number(), line.start(), line.end(), problem));
                continue;
            }
            good.add(line);
            if (line.number() == 1) {
                header = node.get("header");
            } else {
                String key = node.get("key").asText();
                if (records.putIfAbsent(key, node) != null) duplicates.add(key);
            }
        }
        Line torn = null;
        if (!bad.isEmpty() && bad.getLast().number() == lines.size()) torn = bad.removeLast();
        return new ResultsScan(file, header, List.copyOf(records.values()), duplicates, good, torn, bad);
    }

    private static String kindProblem(int number, JsonNode node) {
        if (node == null || !node.isObject()) return "not a JSON object";
        if (number == 1) return node.path("header").isObject() ? null : "not a results header";
        if (node.has("header")) return "a second header";
        return node.path("key").isTextual() ? null : "a record without a \"key\"";
    }

    /** Bytes up to the end of the last good line (with its newline): what stays when the torn last line goes. */
    long validBytes() {
        return good.isEmpty() ? 0 : good.getLast().end() + 1L;
    }

    /** Fails with one line naming the first damaged line and the fix, unless only the last line is torn. */
    void requireUndamaged() {
        if (damaged.isEmpty()) return;
        Line first = damaged.getFirst();
        String more = damaged.size() > 1 ? " (" + damaged.size() + " damaged lines in all)" : "";
        if (first.number() == 1) {
            throw new VlmscopeException(file + ":1: the header line is damaged (" + first.problem() + ")" + more
                    + "; nothing was changed. Fix: restore line 1 from a copy (it holds the run's settings), or move the file away and start over with --fresh");
        }
        throw new VlmscopeException(file + ":" + first.number() + ": damaged line (" + first.problem() + ")" + more
                + "; nothing was changed. Fix: run the experiment again with --repair to move damaged lines to "
                + sideFile(file).getFileName() + " and keep the rest");
    }

    /** Notes a reader or writer should print: duplicates ignored. */
    List<String> notes() {
        if (duplicateKeys.isEmpty()) return List.of();
        int n = duplicateKeys.size();
        String keys = n == 1 ? "key " + duplicateKeys.getFirst() : "keys " + String.join(", ", duplicateKeys.subList(0, Math.min(3, n))) + (n > 3 ? ", …" : "");
        return List.of(file + ": " + n + " duplicate record" + (n == 1 ? "" : "s") + " ignored (" + keys + ")");
    }

    /** Where --repair moves damaged lines: results.jsonl → results.bad.jsonl. */
    static Path sideFile(Path file) {
        String name = file.getFileName().toString();
        String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return file.resolveSibling(base + ".bad.jsonl");
    }
}
