package vlmscope.processing;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.VlmscopeException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The special tokens a checkpoint's {@code tokenizer_config.json} sets: the ids of {@code bos_token},
 * {@code eos_token} and {@code pad_token} (-1 where it names none), and {@code add_bos_token} /
 * {@code add_eos_token} (null where absent: then tokenizer.json's post-processor decides what is added).
 */
record SpecialTokens(int bosId, int eosId, int padId, Boolean addBos, Boolean addEos) {

    /**
     * Reads {@code config} (an empty object when the checkpoint has no tokenizer_config.json), resolving the named
     * tokens in {@code idsByPiece}; a named token that the vocabulary lacks is an error naming {@code configFile}.
     */
    static SpecialTokens read(Path configFile, JsonNode config, Map<String, Integer> idsByPiece) {
        for (String key : List.of("bos_token", "eos_token", "pad_token")) {
            JsonNode node = config.get(key);
            if (node != null && !node.isNull() && id(config, key, idsByPiece) < 0) {
                throw VlmscopeException.badInput(configFile, key + " " + node + " is not in tokenizer.json's vocabulary",
                        "make " + key + " name a token of tokenizer.json");
            }
        }
        return new SpecialTokens(id(config, "bos_token", idsByPiece), id(config, "eos_token", idsByPiece),
                id(config, "pad_token", idsByPiece), flag(config, "add_bos_token"), flag(config, "add_eos_token"));
    }

    /** The id of the token {@code config} names under {@code key} (a string or an AddedToken object), or -1. */
    private static int id(JsonNode config, String key, Map<String, Integer> idsByPiece) {
        JsonNode node = config.get(key);
        if (node == null || node.isNull()) {
            return -1;
        }
        String piece = node.isTextual() ? node.asText() : node.path("content").asText(null);
        Integer id = piece == null ? null : idsByPiece.get(piece);
        return id == null ? -1 : id;
    }

    private static Boolean flag(JsonNode config, String key) {
        return config.hasNonNull(key) ? config.get(key).asBoolean() : null;
    }
}
