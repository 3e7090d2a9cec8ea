package vlmscope.cli;

import picocli.CommandLine.Option;
import vlmscope.experiments.ExperimentOutput;

import java.nio.file.Path;

/** {@code --out DIR --fresh}: where an experiment writes results.jsonl, summary.json and figures/, resumed unless --fresh. */
final class OutputOptions {

    @Option(names = "--out", required = true, paramLabel = "DIR", converter = Converters.OutputPath.class,
            description = "output folder (results.jsonl, summary.json, figures/); a re-run resumes it")
    Path out;

    @Option(names = "--fresh", description = "delete earlier results in --out first")
    boolean fresh;

    ExperimentOutput output() {
        return new ExperimentOutput(out);
    }
}
