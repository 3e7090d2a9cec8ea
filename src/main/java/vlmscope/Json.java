package vlmscope;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The one JSON mapper of the project (Jackson's defaults: compact output, unknown properties fail) and the few
 * things every package does with it. It lives in the root package beside {@link VlmscopeException} so that every
 * package, the lowest included, may use it without a new dependency.
 */
public final class Json {

    /** The shared mapper; thread-safe, never reconfigured after this class loads. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * A stricter reader for files from outside (safetensors headers): trailing tokens and duplicate keys are
     * errors instead of being silently ignored or overwritten.
     */
    public static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Puts {@code v} under {@code name}, or JSON null when it is NaN or infinite (JSON has no such numbers). */
    public static void putFinite(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) o.put(name, v);
        else o.putNull(name);
    }

    /** Appends {@code v}, or JSON null when it is NaN or infinite. */
    public static void addFinite(ArrayNode a, double v) {
        if (Double.isFinite(v)) a.add(v);
        else a.addNull();
    }

    /** Indented output (Jackson's default pretty printer), for files people read. */
    public static ObjectWriter pretty() {
        return MAPPER.writerWithDefaultPrettyPrinter();
    }

    /**
     * The JSON tree of {@code file} (a missing node when it holds only blanks). A file that cannot be read or parsed
     * is the one-line bad-input error: {@code FILE: problem (first line of the parser's message). Fix: fix}.
     */
    public static JsonNode read(Path file, String problem, String fix) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw VlmscopeException.badInput(file, problem + " (" + e.getMessage().lines().findFirst().orElse("") + ")", fix, e);
        }
    }

    /**
     * {@code node} as it reads back from its text: a {@code long} that fits an int becomes an int node, a float a
     * double. {@code JsonNode.equals} tells those apart, so stored and freshly built trees compare only after this.
     */
    @SuppressWarnings("unchecked")
    public static <T extends JsonNode> T normalised(T node) {
        try {
            return (T) MAPPER.readTree(MAPPER.writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
