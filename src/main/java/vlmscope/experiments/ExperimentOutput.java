package vlmscope.experiments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.VlmscopeException;
import vlmscope.results.ResultStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * An experiment's output folder: {@code results.jsonl} (resumable), {@code summary.json} (headline numbers, rewritten
 * atomically at the end) and {@code figures/}. The results header records the experiment, model, precision, seed,
 * settings, versions and command line.
 */
public final class ExperimentOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

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
     * A results header. {@code settings} must hold every option that changes the numbers (resuming requires them
     * to be equal); {@code model} and the rest are informative.
     */
    public static ObjectNode header(String experiment, String model, String dtype, ObjectNode settings, List<String> commandLine) {
        ObjectNode h = JSON.createObjectNode();
        h.put("experiment", experiment);
        h.put("model", model);
        h.put("dtype", dtype);
        h.set("settings", settings);
        h.put("vlmscope", "0.1.0");
        h.put("java", System.getProperty("java.version"));
        h.put("started", Instant.now().toString());
        h.set("command", JSON.valueToTree(commandLine));
        return h;
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
    public java.util.Optional<ObjectNode> storedSummary() {
        if (!Files.isRegularFile(summaryFile())) return java.util.Optional.empty();
        try {
            return JSON.readTree(summaryFile().toFile()) instanceof ObjectNode o ? java.util.Optional.of(o) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty(); // unreadable: it is about to be rewritten
        }
    }

    /** Writes summary.json atomically. */
    public void writeSummary(ObjectNode summary) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("summary.json.tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), summary);
            Files.move(tmp, summaryFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw VlmscopeException.badInput(summaryFile(), "cannot write (" + e.getMessage() + ")", "check the folder", e);
        }
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
