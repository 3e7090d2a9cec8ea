package vlmscope.report;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.Json;
import vlmscope.VlmscopeException;
import vlmscope.results.ResultStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * An experiment's output folder as read back for plotting and reporting: its results (header + records, required)
 * and summary.json (optional). Opening fails with one clear line when the results are missing or empty.
 */
public record ResultsFolder(Path dir, ResultStore.Contents results, JsonNode summary) {

    /** Whether {@code path} is something {@link #open} reads: a folder holding results.jsonl, or such a file. */
    public static boolean isExperiment(Path path) {
        return Files.isRegularFile(resultsFileOf(path));
    }

    private static Path resultsFileOf(Path path) {
        return path.toString().endsWith(".jsonl") ? path : path.resolve("results.jsonl");
    }

    /** Opens {@code path}: an experiment folder, or its results.jsonl itself; duplicate records are noted on stderr. */
    public static ResultsFolder open(Path path) {
        Path dir = path.getFileName() != null && path.getFileName().toString().endsWith(".jsonl") ? path.toAbsolutePath().getParent() : path;
        Path file = resultsFileOf(path);
        if (!Files.isRegularFile(file)) {
            throw VlmscopeException.badInput(file, "no results file here",
                    "pass a folder written by an experiment command (it holds results.jsonl)");
        }
        ResultStore.Contents contents = ResultStore.read(file);
        contents.notes().forEach(System.err::println);
        if (contents.header() == null) {
            throw VlmscopeException.badInput(file, "no header line (empty, or not a vlmscope results file)",
                    "re-run the experiment with --out pointing at this folder");
        }
        if (contents.header().path("experiment").asText("").isBlank()) {
            throw VlmscopeException.badInput(file, "the header names no \"experiment\"",
                    "re-run the experiment with a current vlmscope so the header is complete");
        }
        if (contents.records().isEmpty()) {
            throw VlmscopeException.badInput(file, "a header but no records",
                    "run the experiment (it resumes where it stopped) before plotting");
        }
        Path summaryFile = dir.resolve("summary.json");
        JsonNode summary = Files.isRegularFile(summaryFile) ? readSummary(summaryFile) : null;
        return new ResultsFolder(dir, contents, summary);
    }

    /** summary.json, which must hold one JSON object: an empty file or another value is an error naming it. */
    static JsonNode readSummary(Path summaryFile) {
        JsonNode summary = Json.read(summaryFile, "not valid JSON", "re-run the experiment to rewrite it, or delete it");
        if (summary == null || summary.isMissingNode()) {
            throw VlmscopeException.badInput(summaryFile, "empty (0 bytes or only blanks)", "re-run the experiment to rewrite it, or delete it");
        }
        if (!summary.isObject()) {
            throw VlmscopeException.badInput(summaryFile, "holds a JSON " + summary.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", not an object", "re-run the experiment to rewrite it, or delete it");
        }
        return summary;
    }

    public String experiment() {
        return results.header().path("experiment").asText();
    }

    public Path resultsFile() {
        return dir.resolve("results.jsonl");
    }

    /** The folder's own figures/ subfolder. */
    public Path figuresDir() {
        return dir.resolve("figures");
    }
}
