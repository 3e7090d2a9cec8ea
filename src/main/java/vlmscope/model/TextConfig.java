package vlmscope.model;

import vlmscope.VlmscopeException;

/**
 * Llama decoder hyper-parameters, with {@code LlamaConfig}'s defaults for every key config.json omits.
 * Only unscaled RoPE is supported; any {@code rope_scaling} is refused with a clear error.
 */
public record TextConfig(int vocabSize, int hiddenSize, int intermediateSize, int numLayers, int numHeads,
                         int numKvHeads, int headDim, String hiddenAct, double rmsNormEps, double ropeTheta,
                         boolean attentionBias, boolean mlpBias, boolean tieWordEmbeddings, String modelType) {

    public static TextConfig from(ConfigReader c, boolean tieDefault) {
        int hidden = c.getSize("hidden_size", 4096);
        int heads = c.getSize("num_attention_heads", 32);
        if (!c.has("head_dim") && hidden % heads != 0) {
            throw VlmscopeException.badInput(c.file(), "text_config.num_attention_heads " + heads
                    + " does not divide hidden_size " + hidden, "set num_attention_heads to a divisor of hidden_size (or give head_dim)");
        }
        String modelType = c.getString("model_type", "llama");
        if (!modelType.equals("llama")) {
            throw VlmscopeException.badInput(c.file(), "text_config.model_type '" + modelType
                    + "' is not supported (supported: llama)", "use a LLaVA checkpoint whose language model is Llama");
        }
        if (c.has("rope_scaling")) throw c.invalid("rope_scaling", "null (scaled RoPE is not supported yet)");
        TextConfig t = new TextConfig(
                c.getSize("vocab_size", 32000),
                hidden,
                c.getSize("intermediate_size", 11008),
                c.getSize("num_hidden_layers", 32),
                heads,
                c.getSize("num_key_value_heads", heads),
                c.getSize("head_dim", hidden / heads),
                c.getString("hidden_act", "silu"),
                c.getDouble("rms_norm_eps", 1e-6),
                c.getDouble("rope_theta", 10000.0),
                c.getBoolean("attention_bias", false),
                c.getBoolean("mlp_bias", false),
                c.getBoolean("tie_word_embeddings", tieDefault),
                modelType);
        if (heads <= 0 || t.numKvHeads <= 0 || heads % t.numKvHeads != 0) {
            throw c.invalid("num_key_value_heads", "a positive divisor of num_attention_heads");
        }
        if (t.headDim % 2 != 0) throw c.invalid("head_dim", "even (RoPE rotates halves)");
        Activation.of(t.hiddenAct, c);
        return t;
    }

    /** Query heads per key/value head (1 = multi-head attention). */
    public int groupSize() {
        return numHeads / numKvHeads;
    }
}
