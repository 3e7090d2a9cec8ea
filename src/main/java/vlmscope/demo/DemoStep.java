package vlmscope.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * One step of the demo: a vlmscope command line whose results land in {@code out}. A step is finished when its
 * {@code summary.json} exists; otherwise it is (re)run, and the command itself resumes from its results.jsonl.
 */
public record DemoStep(String title, Path out, List<String> args) {

    public boolean finished() {
        return java.nio.file.Files.exists(out.resolve("summary.json"));
    }
}
