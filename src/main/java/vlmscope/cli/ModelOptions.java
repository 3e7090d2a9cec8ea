package vlmscope.cli;

import picocli.CommandLine.Option;
import vlmscope.model.Precision;

import java.nio.file.Path;

/** {@code --model DIR --dtype fp32|bf16}, shared by every command that loads a checkpoint. */
final class ModelOptions {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Hugging Face checkpoint folder (config.json, *.safetensors, tokenizer.json)")
    Path model;

    @Option(names = "--dtype", defaultValue = "fp32", paramLabel = "fp32|bf16",
            description = "compute precision (default: ${DEFAULT-VALUE}); bf16 is the fast path for large models")
    String dtype;

    Precision precision() {
        return Precision.parse(dtype);
    }
}
