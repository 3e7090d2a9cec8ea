package vlmscope.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.model.Precision;
import vlmscope.engine.LoadedModel;

import java.nio.file.Path;
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
}
