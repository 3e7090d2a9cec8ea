package vlmscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vlmscope.VlmscopeException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a checkpoint's {@code config.json} and gives typed access with HF defaults for absent keys. */
public final class ConfigReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final JsonNode node;

    ConfigReader(Path file, JsonNode node) {
        this.file = file;
        this.node = node;
    }

    public static ConfigReader open(Path configFile) {
        if (!Files.isRegularFile(configFile)) {
            throw VlmscopeException.badInput(configFile, "config.json not found",
                    "point --model at a Hugging Face checkpoint folder (config.json + *.safetensors + tokenizer.json)");
        }
        try {
            JsonNode node = JSON.readTree(configFile.toFile());
            if (node == null || !node.isObject()) {
                throw VlmscopeException.badInput(configFile, "config.json is not a JSON object",
                        "restore the checkpoint's config.json");
            }
            return new ConfigReader(configFile, node);
        } catch (IOException e) {
            throw VlmscopeException.badInput(configFile, "config.json is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")",
                    "restore the checkpoint's config.json", e);
        }
    }

    public Path file() {
        return file;
    }

    /** A nested section (e.g. {@code text_config}); an absent section reads as empty, i.e. all defaults. */
    public ConfigReader section(String key) {
        JsonNode child = node.get(key);
        if (child == null || child.isNull()) return new ConfigReader(file, JSON.createObjectNode());
        if (!child.isObject()) throw invalid(key, "an object");
        return new ConfigReader(file, child);
    }

    public boolean has(String key) {
        return node.hasNonNull(key);
    }

    /** A size: must be a positive integer (0 layers, 0 heads or a negative width cannot describe any weights). */
    public int getSize(String key, int fallback) {
        int v = getInt(key, fallback);
        if (v <= 0) throw invalid(key, "a positive integer");
        return v;
    }

    public int getInt(String key, int fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return fallback;
        if (!v.canConvertToInt() || !v.isIntegralNumber()) throw invalid(key, "an integer");
        return v.intValue();
    }

    public double getDouble(String key, double fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return fallback;
        if (!v.isNumber()) throw invalid(key, "a number");
        return v.doubleValue();
    }

    public boolean getBoolean(String key, boolean fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return fallback;
        if (!v.isBoolean()) throw invalid(key, "true or false");
        return v.booleanValue();
    }

    public String getString(String key, String fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return fallback;
        if (!v.isTextual()) throw invalid(key, "a string");
        return v.textValue();
    }

    public JsonNode raw(String key) {
        return node.get(key);
    }

    public VlmscopeException invalid(String key, String expected) {
        return VlmscopeException.badInput(file, "key '" + key + "' should be " + expected + " but is " + node.get(key),
                "fix that value in config.json");
    }
}
