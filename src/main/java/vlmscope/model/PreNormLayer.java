package vlmscope.model;

import ai.djl.ndarray.NDArray;
import vlmscope.hooks.Hooks;
import vlmscope.hooks.Sites;

import java.util.function.UnaryOperator;

/**
 * One pre-norm decoder layer as Llama and Qwen2 share it: x += o(attn(rot(q), rot(k), v)) over a KV cache with grouped
 * key/value heads; x += down(act(gate(h)) * up(h)); RMSNorm before each. The families differ only in the rotary
 * (1-D RoPE or M-RoPE) and in which projections carry biases.
 * Hook sites: resid_pre, attn.k (post-rotary), attn.v, attn_out, mlp_out, resid_post.
 *
 * @param inputNorm    [d]
 * @param postAttnNorm [d]
 */
public record PreNormLayer(int layer, Compute compute, NDArray inputNorm, NDArray postAttnNorm, AttentionWeights attn,
                           GatedMlp mlp, Activation act, int heads, int kvHeads, int headDim, float eps) {

    /** Biases a family's checkpoint carries: on q/k/v, on o, on the MLP projections. */
    public record Biases(boolean qkv, boolean out, boolean mlp) {
    }

    /**
     * Reads {@code prefix + input_layernorm / post_attention_layernorm / self_attn.* / mlp.*} of a layer with width d,
     * MLP width {@code inter}, {@code heads} query and {@code kvHeads} key/value heads of {@code headDim}.
     */
    public static PreNormLayer read(int layer, TensorSource w, String prefix, Compute compute, long d, long inter,
                                    int heads, int kvHeads, int headDim, double eps, Activation act, Biases biases) {
        long qDim = (long) heads * headDim;
        long kvDim = (long) kvHeads * headDim;
        return new PreNormLayer(layer, compute,
                w.load(prefix + "input_layernorm.weight", d),
                w.load(prefix + "post_attention_layernorm.weight", d),
                AttentionWeights.read(w, prefix + "self_attn.", d, qDim, kvDim, biases.qkv(), biases.out()),
                GatedMlp.read(w, prefix + "mlp.", d, inter, biases.mlp()),
                act, heads, kvHeads, headDim, (float) eps);
    }

    /** 1/sqrt(Dh), the attention score scale. */
    public float scale() {
        return (float) (1.0 / Math.sqrt(headDim));
    }

    /**
     * @param x      [t, d] residual entering the layer at rows p0 .. p0 + t - 1
     * @param rotate the rotary of those rows, applied to [H or KV, t, Dh] queries and keys
     * @param mask   [t, p0 + t] additive causal mask, or null when t == 1
     * @param cache  holds rows [0, p0) of this layer; the new keys/values are appended
     * @return [t, d] residual leaving the layer
     */
    public NDArray forward(NDArray x, int p0, UnaryOperator<NDArray> rotate, NDArray mask, KvCache cache, Hooks hooks) {
        x = hooks.visit(Sites.residPre(layer), x, p0);
        NDArray h = compute.rmsNorm(x, inputNorm, eps);                                     // [t, d]
        NDArray[] qkv = attn.project(compute, h, heads, kvHeads, headDim);                   // [H|KV, t, Dh] x3
        NDArray q = rotate.apply(qkv[0]);                                                    // [H, t, Dh]
        NDArray k = hooks.visit(Sites.keys(layer), rotate.apply(qkv[1]), p0);                // [KV, t, Dh]
        NDArray v = hooks.visit(Sites.values(layer), qkv[2], p0);                            // [KV, t, Dh]
        NDArray[] kv = cache.append(layer, k, v);                                            // [KV, S, Dh] x2
        NDArray out = compute.attention(q, kv[0], kv[1], mask, scale());                     // [H, t, Dh]
        x = x.add(hooks.visit(Sites.attnOut(layer), attn.output(compute, out), p0));         // [t, d]
        NDArray h2 = compute.rmsNorm(x, postAttnNorm, eps);                                  // [t, d]
        x = x.add(hooks.visit(Sites.mlpOut(layer), mlp.apply(compute, act, h2), p0));        // [t, d]
        return hooks.visit(Sites.residPost(layer), x, p0);
    }
}
