package vlmscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vlmscope.VlmscopeException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Hugging Face checkpoint folder with its {@code config.json} and {@code tokenizer_config.json} read once: every
 * part of a load (model family, tokenizer, processor, chat format) takes its settings from here.
 */
public record Checkpoint(Path directory, JsonNode config, JsonNode tokenizerConfig) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param directory       the checkpoint folder
     * @param config          config.json as read (callers must not modify it); must hold a string {@code model_type}
     * @param tokenizerConfig tokenizer_config.json as read, or an empty object when the folder has none
     */
    public Checkpoint {
        requireModelType(directory.resolve("config.json"), config);
    }

    /** Reads {@code dir/config.json} (required) and {@code dir/tokenizer_config.json} (optional). */
    public static Checkpoint open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw VlmscopeException.badInput(dir, "no such folder",
                    "point --model at a Hugging Face checkpoint folder (config.json + *.safetensors + tokenizer.json)");
        }
        Path configFile = dir.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw VlmscopeException.badInput(dir, "no config.json in this folder",
                    "point --model at a Hugging Face checkpoint folder (config.json + *.safetensors + tokenizer.json)");
        }
        JsonNode config = ConfigReader.readObject(configFile);
        requireModelType(configFile, config);
        Path tokenizerFile = dir.resolve("tokenizer_config.json");
        JsonNode tokenizerConfig = Files.isRegularFile(tokenizerFile) ? ConfigReader.readObject(tokenizerFile) : JSON.createObjectNode();
        return new Checkpoint(dir, config, tokenizerConfig);
    }

    private static void requireModelType(Path configFile, JsonNode config) {
        if (!config.hasNonNull("model_type")) {
            throw VlmscopeException.badInput(configFile, "config.json has no model_type key",
                    "restore the checkpoint's config.json (a LLaVA-1.5 checkpoint has \"model_type\": \"llava\")");
        }
        if (!config.get("model_type").isTextual()) {
            throw VlmscopeException.badInput(configFile, "model_type should be a string but is " + config.get("model_type"),
                    "restore the checkpoint's config.json");
        }
    }

    public Path configFile() {
        return directory.resolve("config.json");
    }

    /** HF {@code model_type} (always present: a config without it is refused). */
    public String modelType() {
        return config.get("model_type").textValue();
    }

    /** Typed access with HF defaults. */
    public ConfigReader reader() {
        return new ConfigReader(configFile(), config);
    }

    /**
     * Width of the language model ({@code text_config.hidden_size} of a composite config, else {@code hidden_size};
     * Llama's default 4096 when absent): what the default intra-op thread choice looks at.
     */
    public int decoderWidth() {
        JsonNode text = config.path("text_config");
        JsonNode hidden = text.isObject() ? text.path("hidden_size") : config.path("hidden_size");
        return hidden.isIntegralNumber() ? hidden.intValue() : 4096;
    }

    /**
     * Blocks of the language model: {@code text_config.num_hidden_layers} of a composite config (Llama's default 32
     * when absent, as the LLaVA loader reads it), else the top-level {@code num_hidden_layers}, which is required.
     */
    public int decoderLayers() {
        JsonNode text = config.path("text_config");
        if (text.isObject()) return text.path("num_hidden_layers").asInt(32);
        JsonNode layers = config.path("num_hidden_layers");
        if (!layers.isIntegralNumber()) {
            throw VlmscopeException.badInput(configFile(), "has no num_hidden_layers", "restore the checkpoint's config.json");
        }
        return layers.intValue();
    }
}
