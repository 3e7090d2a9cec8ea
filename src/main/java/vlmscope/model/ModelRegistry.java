package vlmscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vlmscope.VlmscopeException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Maps a checkpoint's HF {@code model_type} to the architecture that loads it. */
public final class ModelRegistry {

    private static final Map<String, BiFunction<Path, Precision, LlavaModel>> LOADERS = Map.of(
            "llava", LlavaModel::load);

    private ModelRegistry() {
    }

    public static List<String> supportedTypes() {
        return LOADERS.keySet().stream().sorted().toList();
    }

    /** Reads {@code dir/config.json}'s model_type and loads the checkpoint with the matching architecture. */
    public static LlavaModel load(Path dir, Precision precision) {
        Path configFile = dir.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw VlmscopeException.badInput(dir, "no config.json in this folder",
                    "point --model at a Hugging Face checkpoint folder (config.json + *.safetensors + tokenizer.json)");
        }
        String type;
        try {
            JsonNode node = new ObjectMapper().readTree(configFile.toFile());
            type = node != null && node.hasNonNull("model_type") ? node.get("model_type").asText() : null;
        } catch (IOException e) {
            throw VlmscopeException.badInput(configFile, "config.json is not valid JSON", "restore the checkpoint's config.json", e);
        }
        var loader = type == null ? null : LOADERS.get(type);
        if (loader == null) {
            throw VlmscopeException.badInput(configFile, "model_type '" + type + "' is not supported (supported: "
                    + String.join(", ", supportedTypes()) + ")",
                    "use a checkpoint of a supported architecture, e.g. a llava-hf LLaVA-1.5 folder");
        }
        return loader.apply(dir, precision);
    }
}
