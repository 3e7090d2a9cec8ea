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

/**
 * An experiment's output folder: {@code results.jsonl} (resumable, headed by a {@link RunHeader}),
 * {@code summary.json} (headline numbers, rewritten atomically at the end) and {@code figures/}.
 */
public final class ExperimentOutput {

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
            Json.pretty().writeValue(tmp.toFile(), summary);
            Files.move(tmp, summaryFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw VlmscopeException.badInput(summaryFile(), "cannot write (" + e.getMessage() + ")", "check the folder", e);
        }
    }

    public static ObjectNode object() {
        return Json.object();
    }
}
