package vlmscope.model.registry;

import vlmscope.model.llava.LlavaModel;
import vlmscope.model.qwen2vl.Qwen2VLConfig;
import vlmscope.model.qwen2vl.Qwen2VLModel;
import vlmscope.model.Checkpoint;
import vlmscope.model.LoadOptions;
import vlmscope.model.Precision;
import vlmscope.model.VisionLanguageModel;
import vlmscope.VlmscopeException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Maps a checkpoint's HF {@code model_type} to the model family that loads it. */
public final class ModelRegistry {

    /** Loads one family's checkpoints. */
    @FunctionalInterface
    public interface Family {
        VisionLanguageModel load(Checkpoint checkpoint, LoadOptions options);
    }

    private static final Map<String, Family> FAMILIES = Map.of(
            "llava", LlavaModel::load,
            Qwen2VLConfig.QWEN2_VL, Qwen2VLModel::load,
            Qwen2VLConfig.QWEN2_5_VL, Qwen2VLModel::load);

    private ModelRegistry() {
    }

    public static List<String> supportedTypes() {
        return FAMILIES.keySet().stream().sorted().toList();
    }

    /** Loads a checkpoint with the family its model_type names. */
    public static VisionLanguageModel load(Checkpoint checkpoint, LoadOptions options) {
        Family family = FAMILIES.get(checkpoint.modelType());
        if (family == null) {
            throw VlmscopeException.badInput(checkpoint.configFile(), "model_type '" + checkpoint.modelType()
                            + "' is not supported (supported: " + String.join(", ", supportedTypes()) + ")",
                    "use a checkpoint of a supported architecture, e.g. a llava-hf LLaVA-1.5 or a Qwen2-VL / Qwen2.5-VL folder");
        }
        return family.load(checkpoint, options);
    }

    /** Opens {@code dir} and loads it with the project's standard options ({@link LoadOptions#standard}). */
    public static VisionLanguageModel load(Path dir, Precision precision) {
        Checkpoint checkpoint = Checkpoint.open(dir);
        return load(checkpoint, LoadOptions.standard(checkpoint, precision));
    }
}
