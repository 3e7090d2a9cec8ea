package vlmscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * A warning when a prompt is longer than the positions the model was trained on ({@code max_position_embeddings} in
 * config.json). It is a warning, not an error: rotary position encodings run at any length, but what the model
 * computes past its trained length is out of distribution and should not be trusted.
 */
final class PromptLength {

    private PromptLength() {
    }

    /** The model's trained positions, or -1 when config.json does not say. */
    static int maxPositions(Path modelDir) {
        try {
            JsonNode config = new ObjectMapper().readTree(modelDir.resolve("config.json").toFile());
            JsonNode text = config.path("text_config");
            JsonNode max = text.has("max_position_embeddings") ? text.get("max_position_embeddings") : config.path("max_position_embeddings");
            return max.canConvertToInt() ? max.asInt() : -1;
        } catch (IOException e) {
            return -1; // loading the model has already read config.json; a failure here only drops the warning
        }
    }

    /** Writes one warning line on {@code err} when {@code tokens} exceeds the model's trained positions. */
    static void warnIfTooLong(int tokens, Path modelDir, PrintWriter err) {
        int max = maxPositions(modelDir);
        if (max > 0 && tokens > max) {
            err.printf("vlmscope: warning: the prompt is %d tokens, past the %d positions the model was trained on"
                    + " (max_position_embeddings); results past that length are not trustworthy. Fix: shorten the prompt%n",
                    tokens, max);
            err.flush();
        }
    }
}
