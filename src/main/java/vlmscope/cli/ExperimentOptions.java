package vlmscope.cli;

import picocli.CommandLine.Option;
import vlmscope.VlmscopeException;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.model.Precision;
import vlmscope.engine.LoadedModel;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --model DIR --dtype fp32|bf16 --out DIR --fresh}, shared by the experiment commands (swap, ids extract,
 * steer, diagnose); the model defaults to the organism in {@code models/organism}.
 */
final class ExperimentOptions {

    /** The organism's folder, the default model of experiment commands. */
    static final Path ORGANISM = Path.of("models/organism");

    @Option(names = "--model", paramLabel = "DIR", description = "checkpoint folder (default: models/organism when it exists)")
    Path model;

    @Option(names = "--dtype", defaultValue = "fp32", paramLabel = "fp32|bf16", description = "compute precision (default: ${DEFAULT-VALUE})")
    String dtype;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (results.jsonl, summary.json, figures/)")
    Path out;

    @Option(names = "--fresh", description = "delete earlier results in --out first")
    boolean fresh;

    /** The checkpoint folder: --model, or the organism when --model is not given. */
    Path modelDir() {
        if (model == null) {
            if (Files.isDirectory(ORGANISM)) return ORGANISM;
            throw new VlmscopeException("no --model given and " + ORGANISM + " does not exist. Fix: pass --model DIR");
        }
        if (!Files.isDirectory(model)) throw VlmscopeException.badInput(model, "no such checkpoint folder", "pass --model DIR");
        return model;
    }

    Precision precision() {
        return Precision.parse(dtype);
    }

    /** Opens the checkpoint of {@link #modelDir()} at --dtype. */
    LoadedModel open() {
        return LoadedModel.open(modelDir(), precision());
    }

    ExperimentOutput output() {
        return new ExperimentOutput(out);
    }
}
