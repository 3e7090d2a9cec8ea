package vlmscope.demo;

import vlmscope.VlmscopeException;
import vlmscope.model.llava.LlavaConfig;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code vlmscope demo}: makes sure a model exists (the committed organism, or one trained now), runs every
 * experiment step of {@link DemoPlan} that has not finished yet, and writes the HTML report. Re-running reuses all
 * finished work; an interrupted step resumes from its own results.
 */
public final class Demo {

    private final Function<List<String>, Integer> cli;
    private final PrintWriter out;

    /** @param cli runs one vlmscope command line and returns its exit code */
    public Demo(Function<List<String>, Integer> cli, PrintWriter out) {
        this.cli = cli;
        this.out = out;
    }

    public Path run(Path model, Path runs, DemoPlan.Size size, long seed, List<String> trainArgs) {
        long start = System.nanoTime();
        if (!Files.isRegularFile(model.resolve("model.safetensors"))) {
            out.printf("[demo] no model in %s: training the organism first%n", model);
            List<String> train = new ArrayList<>(List.of("organism", "train", "--out", model.toString(), "--seed", String.valueOf(seed)));
            train.addAll(trainArgs);
            check(cli.apply(train), "organism train");
        } else {
            out.printf("[demo] reusing the model in %s%n", model);
        }
        LlavaConfig config = LlavaConfig.load(model);
        List<DemoStep> steps = DemoPlan.steps(model, runs, size, seed, config.vision().imageSize(), config.text().numLayers());
        List<String> reportArgs = new ArrayList<>(List.of("report", "--out", runs.resolve("report").toString()));
        for (int i = 0; i < steps.size(); i++) {
            DemoStep step = steps.get(i);
            String tag = String.format("[demo %d/%d]", i + 1, steps.size());
            if (step.finished()) {
                out.printf("%s %s: done earlier (%s)%n", tag, step.title(), step.out());
            } else {
                out.printf("%s %s: vlmscope %s%n", tag, step.title(), String.join(" ", step.args()));
                long t0 = System.nanoTime();
                check(cli.apply(step.args()), step.title());
                out.printf("%s %s: %.0f s%n", tag, step.title(), (System.nanoTime() - t0) / 1e9);
            }
            if (Files.exists(step.out().resolve("results.jsonl"))) reportArgs.add(step.out().toString());
        }
        out.println("[demo] writing the report");
        check(cli.apply(reportArgs), "report");
        Path index = runs.resolve("report").resolve("index.html");
        out.printf("[demo] finished in %.0f s. Open %s%n", (System.nanoTime() - start) / 1e9, index.toAbsolutePath());
        return index;
    }

    private static void check(int exit, String what) {
        if (exit != 0) {
            throw new VlmscopeException("demo step '" + what + "' failed (exit " + exit + "). Fix: see its message above; "
                    + "re-run 'vlmscope demo' to resume from where it stopped");
        }
    }
}
