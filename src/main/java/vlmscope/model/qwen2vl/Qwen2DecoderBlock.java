package vlmscope.model.qwen2vl;

import ai.djl.ndarray.NDArray;
import vlmscope.hooks.Hooks;
import vlmscope.hooks.Sites;
import vlmscope.model.Activation;
import vlmscope.model.AttentionWeights;
import vlmscope.model.GatedMlp;
import vlmscope.model.Compute;
import vlmscope.model.KvCache;

/**
 * One Qwen2 decoder layer (HF {@code Qwen2VLDecoderLayer} / {@code Qwen2_5_VLDecoderLayer}, eager), pre-norm:
 * x += o(attn(mrope(q), mrope(k), v)) with q/k/v biases and a bias-free o, grouped key/value heads;
 * x += down(silu(gate(h)) * up(h)) without biases; RMSNorm before each.
 * Hook sites as the Llama block: resid_pre, attn.k (post-rotary), attn.v, attn_out, mlp_out, resid_post.
 */
final class Qwen2DecoderBlock {

    private final int layer;
    private final QwenTextConfig cfg;
    private final Compute compute;
    private final NDArray inputNorm, postAttnNorm; // [d]
    private final AttentionWeights attn;           // q/k/v biases, bias-free o
    private final GatedMlp mlp;                    // bias-free
    private final float eps;
    private final float scale;

    Qwen2DecoderBlock(int layer, QwenTextConfig cfg, QwenWeights w) {
        this.layer = layer;
        this.cfg = cfg;
        this.compute = w.compute();
        String p = "model.layers." + layer + ".";
        long d = cfg.hiddenSize();
        long qDim = (long) cfg.numHeads() * cfg.headDim();
        long kvDim = (long) cfg.numKvHeads() * cfg.headDim();
        long inter = cfg.intermediateSize();
        inputNorm = w.load(p + "input_layernorm.weight", d);
        postAttnNorm = w.load(p + "post_attention_layernorm.weight", d);
        attn = AttentionWeights.read(w::load, p + "self_attn.", d, qDim, kvDim, true, false);
        mlp = GatedMlp.read(w::load, p + "mlp.", d, inter, false);
        eps = (float) cfg.rmsNormEps();
        scale = (float) (1.0 / Math.sqrt(cfg.headDim()));
    }

    /**
     * @param x      [t, d] residual entering the layer at rows p0 .. p0 + t - 1
     * @param cosSin M-RoPE tables of those rows, [t, Dh] x2
     * @param mask   [t, p0 + t] additive causal mask, or null when t == 1
     * @param cache  holds rows [0, p0) of this layer; the new keys/values are appended
     * @return [t, d] residual leaving the layer
     */
    NDArray forward(NDArray x, int p0, NDArray[] cosSin, NDArray mask, KvCache cache, Hooks hooks) {
        x = hooks.visit(Sites.residPre(layer), x, p0);
        NDArray h = compute.rmsNorm(x, inputNorm, eps);                                          // [t, d]
        NDArray[] qkv = attn.project(compute, h, cfg.numHeads(), cfg.numKvHeads(), cfg.headDim()); // [H|KV, t, Dh] x3
        NDArray q = MRope.apply(qkv[0], cosSin);                                                 // [H, t, Dh]
        NDArray k = hooks.visit(Sites.keys(layer), MRope.apply(qkv[1], cosSin), p0);             // [KV, t, Dh]
        NDArray v = hooks.visit(Sites.values(layer), qkv[2], p0);                                // [KV, t, Dh]
        NDArray[] kv = cache.append(layer, k, v);                                                // [KV, S, Dh] x2
        NDArray heads = compute.attention(q, kv[0], kv[1], mask, scale);                         // [H, t, Dh]
        x = x.add(hooks.visit(Sites.attnOut(layer), attn.output(compute, heads), p0));           // [t, d]
        NDArray h2 = compute.rmsNorm(x, postAttnNorm, eps);                                      // [t, d]
        x = x.add(hooks.visit(Sites.mlpOut(layer), mlp.apply(compute, Activation.SILU, h2), p0)); // [t, d]
        return hooks.visit(Sites.residPost(layer), x, p0);
    }
}
