package vlmscope.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.catalogue.FigureCatalogue;
import vlmscope.model.Precision;
import vlmscope.engine.LoadedModel;
import vlmscope.results.ResultStore;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code --model DIR --dtype fp32|bf16 --out DIR --fresh --repair}, shared by the experiment commands (swap, ids extract,
 * steer, diagnose, temporal); the model defaults to the organism in {@code models/organism}.
 */
final class ExperimentOptions {

    @Option(names = "--model", paramLabel = "DIR", description = "checkpoint folder (default: models/organism when it exists)")
    Path model;

    @Option(names = "--dtype", defaultValue = "fp32", paramLabel = "fp32|bf16", converter = Converters.PrecisionValue.class,
            description = "compute precision (default: ${DEFAULT-VALUE})")
    Precision dtype;

    @Mixin
    OutputOptions output;

    /** The checkpoint folder: --model, or the organism when --model is not given. */
    Path modelDir() {
        return Folders.modelOrOrganism(model);
    }

    /** --dtype as results headers spell it: fp32 or bf16. */
    String dtypeName() {
        return dtype.name().toLowerCase(Locale.ROOT);
    }

    /** Opens the checkpoint of {@link #modelDir()} at --dtype. */
    LoadedModel open() {
        return LoadedModel.open(modelDir(), dtype);
    }

    ExperimentOutput output() {
        return output.output();
    }

    Path out() {
        return output.out;
    }

    boolean fresh() {
        return output.fresh;
    }

    /** One experiment run on the opened model into --out (resumed unless --fresh); returns the lines printed under its counts. */
    @FunctionalInterface
    interface Body {
        List<String> run(LoadedModel lm, ExperimentOutput output, boolean fresh, List<String> commandLine);
    }

    /**
     * The experiment commands' one flow: opens the model, runs {@code body} into --out, re-makes the figures of
     * {@code experiment} from the stored results and prints what was done under {@code label} ({@link RunReport}).
     */
    int runReported(CommandSpec spec, String experiment, String label, Body body) {
        try (LoadedModel lm = open()) {
            ExperimentOutput output = output();
            RunReport report = RunReport.before(spec.commandLine().getOut(), output, fresh());
            List<String> details = body.run(lm, output, fresh(), RecordedCommand.of(spec));
            FigureCatalogue.forExperiment(experiment)
                    .ifPresent(m -> m.make(ResultStore.read(output.resultsFile()), output.figuresDir()));
            report.print(label, details);
        }
        return 0;
    }
}
