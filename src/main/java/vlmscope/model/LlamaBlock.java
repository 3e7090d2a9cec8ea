package vlmscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import vlmscope.hooks.Hooks;
import vlmscope.hooks.Site;
import vlmscope.hooks.Sites;

import java.util.List;

/**
 * One Llama decoder block, pre-norm: x += o(attn(rope(q), rope(k), v)); x += down(silu(gate(h)) * up(h)).
 * Hook sites: resid_pre, attn.k, attn.v, attn_out, mlp_out, resid_post.
 */
final class LlamaBlock {

    private final int layer;
    private final Compute compute;
    private final Rope rope;
    private final PreNormLayer weights; // attention biases unless attention_bias is false, MLP biases if mlp_bias

    LlamaBlock(int layer, TextConfig cfg, DecoderWeights w, Compute compute, Rope rope) {
        this.layer = layer;
        this.compute = compute;
        this.rope = rope;
        this.weights = PreNormLayer.read(layer, w::text, "layers." + layer + ".", compute, cfg.hiddenSize(),
                cfg.intermediateSize(), cfg.numHeads(), cfg.numKvHeads(), cfg.headDim(), cfg.rmsNormEps(),
                Activation.of(cfg.hiddenAct()), new PreNormLayer.Biases(cfg.attentionBias(), cfg.attentionBias(), cfg.mlpBias()));
    }

    /**
     * @param x     [t, d] residual entering the block at rows p0 .. p0 + t - 1 (p0 = positions.offset())
     * @param mask  [t, S] additive causal mask over all S = p0 + t cached positions, or null when t == 1
     * @return [t, d] residual leaving the block
     */
    NDArray forward(NDArray x, PositionIds positions, NDArray mask, KvCache cache, Hooks hooks) {
        return weights.forward(x, positions.offset(), a -> rope.apply(a, positions), mask, cache, hooks);
    }
    /**
     * The same block over a batch of runs at rows p0 .. p0 + t - 1: one GEMM per weight for all runs; attention per
     * run over its prefix keys/values (rows &lt; p0) followed by its own suffix rows (one attention call over all runs'
     * stacked heads measured slower in bf16: it copies every run's prefix once more per block).
     * Every hook site is visited per run, with that run's [t, d] (or [KV, t, Dh]) slice, as in {@link #forward}.
     *
     * @param x       [R, t, d] residual of R runs entering the block
     * @param mask    [t, S] additive causal mask over S = p0 + t positions, or null when t == 1
     * @param prefixK per run, [KV, p0, Dh] clean keys of rows before p0; null when p0 == 0 (likewise prefixV)
     * @param hooks   one per run, in batch order
     * @return [R, t, d] residual leaving the block
     */
    NDArray forwardBatch(NDArray x, PositionIds positions, NDArray mask, List<NDArray> prefixK, List<NDArray> prefixV,
                         List<Hooks> hooks) {
        int p0 = positions.offset();
        long r = x.getShape().get(0);
        long t = x.getShape().get(1);
        int heads = weights.heads();
        int kvHeads = weights.kvHeads();
        int dh = weights.headDim();
        AttentionWeights attn = weights.attn();
        x = visitEach(Sites.residPre(layer), x, hooks, p0);

        NDArray h = normEach(x, weights.inputNorm());                                                        // [R, t, d]
        NDArray q = compute.linear(h, attn.wq(), attn.bq()).reshape(r, t, heads, dh).transpose(0, 2, 1, 3);   // [R, H, t, Dh]
        NDArray k = compute.linear(h, attn.wk(), attn.bk()).reshape(r, t, kvHeads, dh).transpose(0, 2, 1, 3); // [R, KV, t, Dh]
        NDArray v = compute.linear(h, attn.wv(), attn.bv()).reshape(r, t, kvHeads, dh).transpose(0, 2, 1, 3); // [R, KV, t, Dh]
        q = rope.apply(q, positions);
        k = visitEach(Sites.keys(layer), rope.apply(k, positions), hooks, p0);
        v = visitEach(Sites.values(layer), v, hooks, p0);
        NDList perRun = new NDList();
        for (int i = 0; i < r; i++) {
            NDArray ki = withPrefix(prefixK == null ? null : prefixK.get(i), k.get(i));             // [KV, S, Dh]
            NDArray vi = withPrefix(prefixV == null ? null : prefixV.get(i), v.get(i));             // [KV, S, Dh]
            perRun.add(compute.attention(q.get(i), ki, vi, mask, weights.scale()));                 // [H, t, Dh]
        }
        NDArray heads4 = NDArrays.stack(perRun);                                                   // [R, H, t, Dh]
        NDArray merged = heads4.transpose(0, 2, 1, 3).reshape(r, t, (long) heads * dh);            // [R, t, H*Dh]
        NDArray attnOut = visitEach(Sites.attnOut(layer), compute.linear(merged, attn.wo(), attn.bo()), hooks, p0); // [R, t, d]
        x = x.add(attnOut);

        NDArray h2 = normEach(x, weights.postAttnNorm());                                                    // [R, t, d]
        NDArray mlpOut = visitEach(Sites.mlpOut(layer), weights.mlp().apply(compute, weights.act(), h2), hooks, p0);  // [R, t, d]
        x = x.add(mlpOut);
        return visitEach(Sites.residPost(layer), x, hooks, p0);
    }

    /**
     * One run's prefix rows followed by its suffix rows, as one contiguous copy.
     *
     * @param prefix [KV, p0, Dh] or null when p0 == 0
     * @param suffix [KV, t, Dh]
     * @return [KV, p0 + t, Dh]
     */
    private static NDArray withPrefix(NDArray prefix, NDArray suffix) {
        return prefix == null ? suffix.duplicate() : NDArrays.concat(new NDList(prefix, suffix), 1);
    }

    /**
     * RMSNorm of each run's [t, d] rows on their own: libtorch sums a row's squares in a different order once a
     * reduction has many rows, so one norm over [R, t, d] would not round as the run's own norm does.
     *
     * @param x [R, t, d]
     * @return [R, t, d]
     */
    private NDArray normEach(NDArray x, NDArray weight) {
        return eachRun(x, run -> compute.rmsNorm(run, weight, weights.eps()));
    }

    /** {@code op} applied to every run's slice {@code batch[i]}, restacked: [R, ...]. */
    static NDArray eachRun(NDArray batch, java.util.function.UnaryOperator<NDArray> op) {
        NDList out = new NDList();
        for (int i = 0; i < batch.getShape().get(0); i++) out.add(op.apply(batch.get(i)));
        return NDArrays.stack(out);
    }

    /**
     * Visits {@code site} once per run with that run's slice {@code batch[i]}; restacks only when some run's hooks
     * replaced their slice.
     *
     * @param batch [R, ...] one slice per run
     */
    static NDArray visitEach(Site site, NDArray batch, List<Hooks> hooks, int p0) {
        NDList out = new NDList();
        boolean changed = false;
        for (int i = 0; i < hooks.size(); i++) {
            NDArray slice = batch.get(i);                                                          // [...]
            NDArray visited = hooks.get(i).visit(site, slice, p0);
            changed |= visited != slice;
            out.add(visited);
        }
        return changed ? NDArrays.stack(out) : batch;
    }
}
