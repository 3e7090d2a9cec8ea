package vlmscope.cli;

import vlmscope.experiments.ExperimentOutput;
import vlmscope.results.ResultStore;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;

/**
 * The one way experiment commands print what they did, on the command's standard output:
 * <pre>
 * swap mirror: computed 24 records, reused 24 stored
 *   image    mirror   peak mean shift 0.91 at layer 3
 * results: runs/x/results.jsonl
 * summary: runs/x/summary.json
 * figures: runs/x/figures
 * </pre>
 * A re-run of a finished experiment says {@code reused 48 stored records; nothing to compute}.
 */
record RunReport(PrintWriter out, ExperimentOutput output, int storedBefore) {

    /** Call before the experiment runs: counts the records {@code output} already holds (none with --fresh). */
    static RunReport before(PrintWriter out, ExperimentOutput output, boolean fresh) {
        return new RunReport(out, output, fresh ? 0 : stored(output));
    }

    /** Prints the record counts, one indented line per detail, and where results, summary and figures are. */
    void print(String experiment, List<String> details) {
        int now = stored(output);
        int computed = Math.max(0, now - storedBefore);
        int reused = now - computed;
        out.println(experiment + ": " + counts(computed, reused));
        for (String d : details) for (String line : d.strip().split("\n")) out.println("  " + line.strip());
        out.println("results: " + output.resultsFile());
        if (Files.exists(output.summaryFile())) out.println("summary: " + output.summaryFile());
        if (Files.isDirectory(output.figuresDir())) out.println("figures: " + output.figuresDir());
        out.flush();
    }

    static String counts(int computed, int reused) {
        if (computed == 0) return "reused " + reused + " stored records; nothing to compute";
        if (reused == 0) return "computed " + computed + " records";
        return "computed " + computed + " records, reused " + reused + " stored";
    }

    private static int stored(ExperimentOutput output) {
        if (!Files.isRegularFile(output.resultsFile())) return 0;
        return ResultStore.read(output.resultsFile()).records().size();
    }
}
