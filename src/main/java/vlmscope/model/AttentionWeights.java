package vlmscope.model;

import ai.djl.ndarray.NDArray;

/**
 * The q/k/v/o projections of a decoder layer's self-attention (grouped key/value heads). Biases are null where the
 * checkpoint has none.
 *
 * @param wq [H*Dh, d], wk / wv [KV*Dh, d], wo [d, H*Dh]; bq [H*Dh], bk / bv [KV*Dh], bo [d]
 */
public record AttentionWeights(NDArray wq, NDArray bq, NDArray wk, NDArray bk, NDArray wv, NDArray bv,
                               NDArray wo, NDArray bo) {

    /** Reads {@code prefix + q_proj / k_proj / v_proj / o_proj}, with q/k/v biases and the o bias as asked. */
    public static AttentionWeights read(TensorSource w, String prefix, long d, long qDim, long kvDim,
                                        boolean qkvBias, boolean outBias) {
        return new AttentionWeights(
                w.load(prefix + "q_proj.weight", qDim, d), qkvBias ? w.load(prefix + "q_proj.bias", qDim) : null,
                w.load(prefix + "k_proj.weight", kvDim, d), qkvBias ? w.load(prefix + "k_proj.bias", kvDim) : null,
                w.load(prefix + "v_proj.weight", kvDim, d), qkvBias ? w.load(prefix + "v_proj.bias", kvDim) : null,
                w.load(prefix + "o_proj.weight", d, qDim), outBias ? w.load(prefix + "o_proj.bias", d) : null);
    }

    /**
     * Queries, keys and values of t rows, head-major.
     *
     * @param h [t, d] normed rows
     * @return [H, t, Dh], [KV, t, Dh], [KV, t, Dh]
     */
    public NDArray[] project(Compute compute, NDArray h, int heads, int kvHeads, int dh) {
        long t = h.getShape().get(0);
        NDArray q = compute.linear(h, wq, bq).reshape(t, heads, dh).transpose(1, 0, 2);      // [H, t, Dh]
        NDArray k = compute.linear(h, wk, bk).reshape(t, kvHeads, dh).transpose(1, 0, 2);    // [KV, t, Dh]
        NDArray v = compute.linear(h, wv, bv).reshape(t, kvHeads, dh).transpose(1, 0, 2);    // [KV, t, Dh]
        return new NDArray[]{q, k, v};
    }

    /**
     * @param heads [H, t, Dh] attention output per head
     * @return [t, d] the output projection of the merged heads
     */
    public NDArray output(Compute compute, NDArray heads) {
        long h = heads.getShape().get(0);
        long t = heads.getShape().get(1);
        long dh = heads.getShape().get(2);
        NDArray merged = heads.transpose(1, 0, 2).reshape(t, h * dh); // [t, H*Dh]
        return compute.linear(merged, wo, bo);                         // [t, d]
    }
}
