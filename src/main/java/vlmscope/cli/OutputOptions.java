package vlmscope.cli;

import picocli.CommandLine.Option;
import vlmscope.experiments.ExperimentOutput;

import java.nio.file.Path;

/**
 * {@code --out DIR --fresh --repair}: where an experiment writes results.jsonl, summary.json and figures/, resumed unless
 * --fresh; --repair moves damaged lines aside instead of stopping.
 */
final class OutputOptions {

    @Option(names = "--out", required = true, paramLabel = "DIR", converter = Converters.OutputPath.class,
            description = "output folder (results.jsonl, summary.json, figures/); a re-run resumes it")
    Path out;

    @Option(names = "--fresh", description = "delete earlier results in --out first")
    boolean fresh;

    @Option(names = "--repair", description = "when resuming, move damaged lines of results.jsonl to results.bad.jsonl and keep the rest")
    boolean repair;

    ExperimentOutput output() {
        return new ExperimentOutput(out, repair);
    }
}
