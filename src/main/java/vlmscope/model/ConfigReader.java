package vlmscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vlmscope.VlmscopeException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Predicate;

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
        return new ConfigReader(configFile, readObject(configFile));
    }

    /** A checkpoint JSON file that must hold one non-empty JSON object; anything else is one clear bad-input error. */
    static JsonNode readObject(Path file) {
        String name = file.getFileName().toString();
        try {
            if (Files.size(file) == 0) {
                throw VlmscopeException.badInput(file, name + " is empty (0 bytes)", "restore the checkpoint's " + name);
            }
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw VlmscopeException.badInput(file, name + " is not a JSON object", "restore the checkpoint's " + name);
            }
            return node;
        } catch (IOException e) {
            throw VlmscopeException.badInput(file, name + " is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")",
                    "restore the checkpoint's " + name, e);
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
        return get(key, fallback, v -> v.canConvertToInt() && v.isIntegralNumber(), "an integer", JsonNode::intValue);
    }

    public double getDouble(String key, double fallback) {
        return get(key, fallback, JsonNode::isNumber, "a number", JsonNode::doubleValue);
    }

    public boolean getBoolean(String key, boolean fallback) {
        return get(key, fallback, JsonNode::isBoolean, "true or false", JsonNode::booleanValue);
    }

    public String getString(String key, String fallback) {
        return get(key, fallback, JsonNode::isTextual, "a string", JsonNode::textValue);
    }

    /** {@code key}'s value read by {@code value}, the fallback when absent or null, or an error naming {@code expected}. */
    private <T> T get(String key, T fallback, Predicate<JsonNode> valid, String expected, Function<JsonNode, T> value) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return fallback;
        if (!valid.test(v)) throw invalid(key, expected);
        return value.apply(v);
    }

    public JsonNode raw(String key) {
        return node.get(key);
    }

    public VlmscopeException invalid(String key, String expected) {
        return VlmscopeException.badInput(file, "key '" + key + "' should be " + expected + " but is " + node.get(key),
                "fix that value in config.json");
    }
}
