package vlmscope.cli;

import picocli.CommandLine.Option;
import vlmscope.engine.LoadedModel;
import vlmscope.model.Precision;

import java.nio.file.Path;

/** {@code --model DIR --dtype fp32|bf16}, shared by every command that loads a given checkpoint (inspect, generate). */
final class ModelOptions {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Hugging Face checkpoint folder (config.json, *.safetensors, tokenizer.json)")
    Path model;

    @Option(names = "--dtype", defaultValue = "fp32", paramLabel = "fp32|bf16", converter = Converters.PrecisionValue.class,
            description = "compute precision (default: ${DEFAULT-VALUE}); bf16 is the fast path for large models")
    Precision dtype;

    /** Opens --model at --dtype; a missing folder is one clear error. */
    LoadedModel open() {
        return LoadedModel.open(Folders.requireModel(model), dtype);
    }
}
