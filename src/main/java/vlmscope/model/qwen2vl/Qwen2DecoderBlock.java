package vlmscope.model.qwen2vl;

import ai.djl.ndarray.NDArray;
import vlmscope.hooks.Hooks;
import vlmscope.hooks.Sites;
import vlmscope.model.Activation;
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
    private final NDArray wq, bq, wk, bk, wv, bv;  // [H*Dh, d], [H*Dh], [KV*Dh, d], [KV*Dh] x2
    private final NDArray wo;                      // [d, H*Dh]
    private final NDArray wGate, wUp, wDown;       // [I, d], [I, d], [d, I]
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
        wq = w.load(p + "self_attn.q_proj.weight", qDim, d);
        bq = w.load(p + "self_attn.q_proj.bias", qDim);
        wk = w.load(p + "self_attn.k_proj.weight", kvDim, d);
        bk = w.load(p + "self_attn.k_proj.bias", kvDim);
        wv = w.load(p + "self_attn.v_proj.weight", kvDim, d);
        bv = w.load(p + "self_attn.v_proj.bias", kvDim);
        wo = w.load(p + "self_attn.o_proj.weight", d, qDim);
        wGate = w.load(p + "mlp.gate_proj.weight", inter, d);
        wUp = w.load(p + "mlp.up_proj.weight", inter, d);
        wDown = w.load(p + "mlp.down_proj.weight", d, inter);
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
        long t = x.getShape().get(0);
        int heads = cfg.numHeads();
        int kvHeads = cfg.numKvHeads();
        int dh = cfg.headDim();
        x = hooks.visit(Sites.residPre(layer), x, p0);
        NDArray h = compute.rmsNorm(x, inputNorm, eps);                                          // [t, d]
        NDArray q = compute.linear(h, wq, bq).reshape(t, heads, dh).transpose(1, 0, 2);         // [H, t, Dh]
        NDArray k = compute.linear(h, wk, bk).reshape(t, kvHeads, dh).transpose(1, 0, 2);       // [KV, t, Dh]
        NDArray v = compute.linear(h, wv, bv).reshape(t, kvHeads, dh).transpose(1, 0, 2);       // [KV, t, Dh]
        q = MRope.apply(q, cosSin);
        k = hooks.visit(Sites.keys(layer), MRope.apply(k, cosSin), p0);
        v = hooks.visit(Sites.values(layer), v, p0);
        NDArray[] kv = cache.append(layer, k, v);                                                // [KV, S, Dh] x2
        NDArray attn = compute.attention(q, kv[0], kv[1], mask, scale);                          // [H, t, Dh]
        NDArray merged = attn.transpose(1, 0, 2).reshape(t, (long) heads * dh);                 // [t, H*Dh]
        NDArray attnOut = hooks.visit(Sites.attnOut(layer), compute.linear(merged, wo, null), p0); // [t, d]
        x = x.add(attnOut);
        NDArray h2 = compute.rmsNorm(x, postAttnNorm, eps);                                      // [t, d]
        NDArray gate = compute.activate(Activation.SILU, compute.linear(h2, wGate, null));       // [t, I]
        NDArray mlpOut = hooks.visit(Sites.mlpOut(layer), compute.linear(gate.mul(compute.linear(h2, wUp, null)), wDown, null), p0); // [t, d]
        x = x.add(mlpOut);
        return hooks.visit(Sites.residPost(layer), x, p0);
    }
}
