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

    public ExperimentOutput(Path dir) {
        this.dir = dir;
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

    /** Opens (or resumes) the results file; {@code fresh} deletes earlier results first. */
    public ResultStore open(ObjectNode header, boolean fresh) {
        try {
            Files.createDirectories(dir);
            if (fresh) {
                Files.deleteIfExists(resultsFile());
                Files.deleteIfExists(summaryFile());
            }
        } catch (IOException e) {
            throw VlmscopeException.badInput(dir, "cannot prepare the output folder (" + e.getMessage() + ")",
                    "choose a writable --out folder", e);
        }
        return ResultStore.open(resultsFile(), header);
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
