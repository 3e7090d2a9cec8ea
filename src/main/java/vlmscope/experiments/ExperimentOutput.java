package vlmscope.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.Json;
import vlmscope.VlmscopeException;
import vlmscope.results.ResultStore;
import vlmscope.results.RunHeader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * An experiment's output folder: {@code results.jsonl} (resumable, headed by a {@link RunHeader}),
 * {@code summary.json} (headline numbers, rewritten atomically at the end) and {@code figures/}.
 */
public final class ExperimentOutput {

    private final Path dir;
    private final boolean repair;

    public ExperimentOutput(Path dir) {
        this(dir, false);
    }

    /** With {@code repair}, resuming moves damaged result lines to results.bad.jsonl instead of stopping. */
    public ExperimentOutput(Path dir, boolean repair) {
        this.dir = dir;
        this.repair = repair;
    }

    public Path dir() {
        return dir;
    }

    public Path resultsFile() {
        return dir.resolve("results.jsonl");
    }

    public Path summaryFile() {
        return dir.resolve("summary.json");
    }

    public Path figuresDir() {
        return dir.resolve("figures");
    }

    /**
     * Locks the folder and opens (or resumes) the results file; {@code fresh} deletes earlier results first, once the
     * lock is held.
     */
    public ResultStore open(ObjectNode header, boolean fresh) {
        ResultStore.OpenMode mode = fresh ? ResultStore.OpenMode.FRESH : repair ? ResultStore.OpenMode.REPAIR : ResultStore.OpenMode.RESUME;
        ResultStore store = ResultStore.open(resultsFile(), header, mode);
        if (fresh) {
            try {
                Files.deleteIfExists(summaryFile());
            } catch (IOException e) {
                store.close();
                throw VlmscopeException.badInput(summaryFile(), "cannot delete the earlier summary (" + e.getMessage() + ")",
                        "choose a writable --out folder", e);
            }
        }
        return store;
    }

    /** The summary.json of an earlier run, when there is a readable one. */
    public Optional<ObjectNode> storedSummary() {
        if (!Files.isRegularFile(summaryFile())) return Optional.empty();
        try {
            return Json.MAPPER.readTree(summaryFile().toFile()) instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // unreadable: it is about to be rewritten
        }
    }

    /** Writes summary.json atomically. */
    public void writeSummary(ObjectNode summary) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("summary.json.tmp");
            Json.pretty().writeValue(tmp.toFile(), summary);
            Files.move(tmp, summaryFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw VlmscopeException.badInput(summaryFile(), "cannot write (" + e.getMessage() + ")", "check the folder", e);
        }
    }

    public static ObjectNode object() {
        return Json.object();
    }

    /** A summary's opening: the experiment's name and how many records it was computed from. */
    public static ObjectNode summaryOf(String experiment, int records) {
        ObjectNode summary = object();
        summary.put("experiment", experiment);
        summary.put("records", records);
        return summary;
    }
}
