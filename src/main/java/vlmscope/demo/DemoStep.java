package vlmscope.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * One step of the demo: a vlmscope command line whose results land in {@code out}. A step is finished when its
 * {@code marker} file (summary.json for an experiment) exists; otherwise it is (re)run, and the command itself
 * resumes from its results.jsonl.
 */
public record DemoStep(String title, Path out, List<String> args, String marker) {

    /** An experiment step, finished when its summary.json exists. */
    public DemoStep(String title, Path out, List<String> args) {
        this(title, out, args, "summary.json");
    }

    public boolean finished() {
        return java.nio.file.Files.exists(out.resolve(marker));
    }
}
