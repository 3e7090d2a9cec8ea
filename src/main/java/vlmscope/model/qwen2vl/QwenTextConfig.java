package vlmscope.model.qwen2vl;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import vlmscope.VlmscopeException;

/**
 * The Qwen2 decoder of Qwen2-VL / Qwen2.5-VL, with {@code Qwen2VLConfig}'s defaults. head_dim is
 * hidden_size / num_attention_heads (HF has no head_dim key for this family). {@code rope_scaling} must be the
 * multimodal RoPE ({@code type}/{@code rope_type} "mrope" or "default") with an {@code mrope_section} of three sizes
 * summing to head_dim / 2.
 *
 * @param mropeSection rotary frequency pairs given to the temporal, height and width position rows
 */
public record QwenTextConfig(int vocabSize, int hiddenSize, int intermediateSize, int numLayers, int numHeads,
                             int numKvHeads, int headDim, double rmsNormEps, double ropeTheta,
                             boolean tieWordEmbeddings, int[] mropeSection) {

    static QwenTextConfig parse(Path file, JsonNode c) {
        int hidden = c.path("hidden_size").asInt(8192);
        int heads = c.path("num_attention_heads").asInt(64);
        int kv = c.path("num_key_value_heads").asInt(8);
        if (heads <= 0 || hidden % heads != 0) {
            throw VlmscopeException.badInput(file, "hidden_size " + hidden + " is not a multiple of num_attention_heads "
                    + heads, "restore hidden_size and num_attention_heads from the checkpoint");
        }
        if (kv <= 0 || heads % kv != 0) {
            throw VlmscopeException.badInput(file, "num_key_value_heads " + kv + " does not divide num_attention_heads "
                    + heads, "restore num_key_value_heads from the checkpoint");
        }
        int headDim = hidden / heads;
        String act = c.path("hidden_act").asText("silu");
        if (!act.equals("silu")) {
            throw VlmscopeException.badInput(file, "hidden_act '" + act + "' is not supported for the Qwen2 decoder",
                    "use a checkpoint whose decoder uses silu");
        }
        return new QwenTextConfig(c.path("vocab_size").asInt(152064), hidden, c.path("intermediate_size").asInt(29568),
                c.path("num_hidden_layers").asInt(80), heads, kv, headDim, c.path("rms_norm_eps").asDouble(1e-5),
                c.path("rope_theta").asDouble(1_000_000.0), c.path("tie_word_embeddings").asBoolean(false),
                mropeSection(file, c.path("rope_scaling"), headDim));
    }

    private static int[] mropeSection(Path file, JsonNode rope, int headDim) {
        if (rope.isMissingNode() || rope.isNull()) {
            throw VlmscopeException.badInput(file, "rope_scaling is missing, so the M-RoPE sections are unknown",
                    "add \"rope_scaling\": {\"type\": \"mrope\", \"mrope_section\": [...]} from the original checkpoint");
        }
        String type = rope.has("rope_type") ? rope.get("rope_type").asText() : rope.path("type").asText("");
        if (!type.equals("mrope") && !type.equals("default")) {
            throw VlmscopeException.badInput(file, "rope_scaling type '" + type + "' is not supported (supported: mrope)",
                    "use the checkpoint's original rope_scaling {\"type\": \"mrope\", \"mrope_section\": [...]}");
        }
        JsonNode section = rope.path("mrope_section");
        if (!section.isArray() || section.size() != 3) {
            throw VlmscopeException.badInput(file, "rope_scaling.mrope_section should be 3 integers but is " + section,
                    "restore mrope_section from the checkpoint (e.g. [16, 24, 24] for head_dim 128)");
        }
        int[] s = Qwen2VLConfig.ints(section);
        if (Arrays.stream(s).anyMatch(v -> v < 0) || Arrays.stream(s).sum() != headDim / 2) {
            throw VlmscopeException.badInput(file, "rope_scaling.mrope_section " + Arrays.toString(s)
                    + " does not sum to head_dim / 2 = " + headDim / 2, "restore mrope_section from the checkpoint");
        }
        return s;
    }

    /** Query heads per key/value head. */
    public int groupSize() {
        return numHeads / numKvHeads;
    }
}
