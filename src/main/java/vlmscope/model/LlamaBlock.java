package vlmscope.model;

import ai.djl.ndarray.NDArray;
import vlmscope.hooks.Hooks;
import vlmscope.hooks.Sites;

/**
 * One Llama decoder block, pre-norm: x += o(attn(rope(q), rope(k), v)); x += down(silu(gate(h)) * up(h)).
 * Hook sites: resid_pre, attn.k, attn.v, attn_out, mlp_out, resid_post.
 */
final class LlamaBlock {

    private final int layer;
    private final TextConfig cfg;
    private final Compute compute;
    private final Rope rope;
    private final NDArray inputNorm;    // [d]
    private final NDArray postAttnNorm; // [d]
    private final NDArray wq, wk, wv, wo; // [H*Dh, d], [KV*Dh, d], [KV*Dh, d], [d, H*Dh]
    private final NDArray bq, bk, bv, bo; // null unless attention_bias
    private final NDArray wGate, wUp, wDown; // [I, d], [I, d], [d, I]
    private final NDArray bGate, bUp, bDown; // null unless mlp_bias
    private final Activation act;
    private final float scale;
    private final float eps;

    LlamaBlock(int layer, TextConfig cfg, DecoderWeights w, Compute compute, Rope rope) {
        this.layer = layer;
        this.cfg = cfg;
        this.compute = compute;
        this.rope = rope;
        String p = "layers." + layer + ".";
        long d = cfg.hiddenSize();
        long qDim = (long) cfg.numHeads() * cfg.headDim();
        long kvDim = (long) cfg.numKvHeads() * cfg.headDim();
        long inter = cfg.intermediateSize();
        inputNorm = w.text(p + "input_layernorm.weight", d);
        postAttnNorm = w.text(p + "post_attention_layernorm.weight", d);
        wq = w.text(p + "self_attn.q_proj.weight", qDim, d);
        wk = w.text(p + "self_attn.k_proj.weight", kvDim, d);
        wv = w.text(p + "self_attn.v_proj.weight", kvDim, d);
        wo = w.text(p + "self_attn.o_proj.weight", d, qDim);
        bq = cfg.attentionBias() ? w.text(p + "self_attn.q_proj.bias", qDim) : null;
        bk = cfg.attentionBias() ? w.text(p + "self_attn.k_proj.bias", kvDim) : null;
        bv = cfg.attentionBias() ? w.text(p + "self_attn.v_proj.bias", kvDim) : null;
        bo = cfg.attentionBias() ? w.text(p + "self_attn.o_proj.bias", d) : null;
        wGate = w.text(p + "mlp.gate_proj.weight", inter, d);
        wUp = w.text(p + "mlp.up_proj.weight", inter, d);
        wDown = w.text(p + "mlp.down_proj.weight", d, inter);
        bGate = cfg.mlpBias() ? w.text(p + "mlp.gate_proj.bias", inter) : null;
        bUp = cfg.mlpBias() ? w.text(p + "mlp.up_proj.bias", inter) : null;
        bDown = cfg.mlpBias() ? w.text(p + "mlp.down_proj.bias", d) : null;
        act = Activation.of(cfg.hiddenAct());
        scale = (float) (1.0 / Math.sqrt(cfg.headDim()));
        eps = (float) cfg.rmsNormEps();
    }

    /**
     * @param x     [t, d] residual entering the block at rows p0 .. p0 + t - 1 (p0 = positions.offset())
     * @param mask  [t, S] additive causal mask over all S = p0 + t cached positions, or null when t == 1
     * @return [t, d] residual leaving the block
     */
    NDArray forward(NDArray x, PositionIds positions, NDArray mask, KvCache cache, Hooks hooks) {
        int p0 = positions.offset();
        long t = x.getShape().get(0);
        int heads = cfg.numHeads();
        int kvHeads = cfg.numKvHeads();
        int dh = cfg.headDim();
        x = hooks.visit(Sites.residPre(layer), x, p0);

        NDArray h = compute.rmsNorm(x, inputNorm, eps);                                     // [t, d]
        NDArray q = compute.linear(h, wq, bq).reshape(t, heads, dh).transpose(1, 0, 2);      // [H, t, Dh]
        NDArray k = compute.linear(h, wk, bk).reshape(t, kvHeads, dh).transpose(1, 0, 2);    // [KV, t, Dh]
        NDArray v = compute.linear(h, wv, bv).reshape(t, kvHeads, dh).transpose(1, 0, 2);    // [KV, t, Dh]
        q = rope.apply(q, positions);
        k = hooks.visit(Sites.keys(layer), rope.apply(k, positions), p0);
        v = hooks.visit(Sites.values(layer), v, p0);
        NDArray[] kv = cache.append(layer, k, v);                                            // [KV, S, Dh] x2
        NDArray heads3 = compute.attention(q, kv[0], kv[1], mask, scale);                    // [H, t, Dh]
        NDArray merged = heads3.transpose(1, 0, 2).reshape(t, (long) heads * dh);           // [t, H*Dh]
        NDArray attnOut = hooks.visit(Sites.attnOut(layer), compute.linear(merged, wo, bo), p0); // [t, d]
        x = x.add(attnOut);

        NDArray h2 = compute.rmsNorm(x, postAttnNorm, eps);                                  // [t, d]
        NDArray gate = compute.activate(act, compute.linear(h2, wGate, bGate));              // [t, I]
        NDArray up = compute.linear(h2, wUp, bUp);                                           // [t, I]
        NDArray mlpOut = hooks.visit(Sites.mlpOut(layer), compute.linear(gate.mul(up), wDown, bDown), p0); // [t, d]
        x = x.add(mlpOut);
        return hooks.visit(Sites.residPost(layer), x, p0);
    }
}
