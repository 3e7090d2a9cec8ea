package vlmscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import vlmscope.VlmscopeException;
import vlmscope.hooks.Hooks;
import vlmscope.hooks.Sites;

/**
 * The parts of a decoder-only language model around its blocks, alike for Llama and Qwen2: the token embedding
 * that feeds the first block, the final RMSNorm and lm_head that read the last, and the block loop with its
 * causal mask and per-block scopes.
 *
 * @param embedTokens [V, d]
 * @param normWeight  [d] final RMSNorm weight
 * @param lmHead      [V, d] (the embedding itself when tied)
 */
public record DecoderEnds(Compute compute, NDArray embedTokens, NDArray normWeight, NDArray lmHead, float eps) {

    /** One block's forward pass over the residual [t, d] entering block {@code layer}, under the causal mask: [t, d]. */
    @FunctionalInterface
    public interface BlockStep {
        NDArray forward(int layer, NDArray x, NDArray mask);
    }

    /**
     * Reads {@code embed_tokens.weight} [V, d], the final {@code norm.weight} [d] and the lm_head [V, d] (the
     * embedding itself when the embeddings are {@code tied} and the checkpoint has no lm_head tensor) through the
     * family's names.
     */
    public static DecoderEnds read(DecoderWeights w, Compute compute, long vocab, long width, boolean tied, double eps) {
        NDArray embedTokens = w.text("embed_tokens.weight", vocab, width);                  // [V, d]
        NDArray lmHead = tied && !w.hasLmHead() ? embedTokens : w.lmHead(vocab, width);    // [V, d]
        return new DecoderEnds(compute, embedTokens, w.text("norm.weight", width), lmHead, (float) eps);
    }

    /** Token embeddings [T, d] for {@code ids}, owned by {@code owner}. */
    public NDArray embed(int[] ids, NDManager owner) {
        long vocab = embedTokens.getShape().get(0);
        for (int id : ids) {
            if (id < 0 || id >= vocab) {
                throw new VlmscopeException("token id " + id + " is outside the vocabulary [0, " + vocab
                        + "). Fix: use the tokenizer that belongs to this checkpoint");
            }
        }
        try (NDScope ignored = new NDScope()) {
            NDArray index = owner.create(ids);                                   // [T]
            NDArray rows = embedTokens.get(new NDIndex("{}", index));            // [T, d]
            return Scopes.keep(rows, owner);
        }
    }

    /**
     * Runs blocks {@code fromBlock .. numBlocks-1} on x [t, d] at rows p0 .. p0 + t - 1 (p0 = {@code positions.offset()});
     * {@code cache} must hold exactly rows [0, p0) of every block run. Each block runs in its own scope under the
     * [t, p0 + t] causal mask (null when t == 1); its output is owned by {@code owner}.
     *
     * @return [t, d] raw output of the last block
     */
    public static NDArray runBlocks(NDArray x, PositionIds positions, int fromBlock, int numBlocks, KvCache cache,
                                    NDManager owner, BlockStep step) {
        int p0 = positions.offset();
        int t = (int) x.getShape().get(0);
        if (positions.length() != t) throw new IllegalArgumentException(t + " rows but " + positions.length() + " position ids");
        NDArray mask = causalMask(p0, t, owner);                                 // [t, p0 + t]
        for (int l = fromBlock; l < numBlocks; l++) {
            if (cache.length(l) != p0) {
                throw new IllegalStateException("KV cache of block " + l + " holds " + cache.length(l)
                        + " positions, expected " + p0);
            }
            try (NDScope ignored = new NDScope()) {
                x = Scopes.keep(step.forward(l, x, mask), owner);
            }
        }
        return x;
    }

    /** HF's final RMSNorm over every row: [t, d] → [t, d]. */
    public NDArray finalNorm(NDArray x) {
        return compute.rmsNorm(x, normWeight, eps);
    }

    /** lm_head: [t, d] → [t, V]. */
    public NDArray logits(NDArray normed) {
        return compute.linear(normed, lmHead, null);
    }

    /** Applies the final norm and lm_head to the residual's rows, visiting {@code final_norm} and {@code logits}: float32 [t or 1, V]. */
    public NDArray head(NDArray x, int p0, boolean allPositions, Hooks hooks, NDManager owner) {
        try (NDScope ignored = new NDScope()) {
            NDArray normed = hooks.visit(Sites.FINAL_NORM, finalNorm(x), p0);     // [t, d]
            long t = normed.getShape().get(0);
            NDArray rows = allPositions ? normed : normed.get((t - 1) + ":");     // [t or 1, d]
            int firstRow = allPositions ? p0 : (int) (p0 + t - 1);
            NDArray logits = hooks.visit(Sites.LOGITS, compute.toFloat32(logits(rows)), firstRow); // [t or 1, V]
            return Scopes.keep(logits, owner);
        }
    }

    /** Additive causal mask for queries at p0..p0+t-1 over keys 0..p0+t-1: [t, p0 + t], or null when t == 1. */
    public static NDArray causalMask(int p0, int t, NDManager owner) {
        if (t == 1) return null;
        int s = p0 + t;
        float[] m = new float[t * s];
        for (int i = 0; i < t; i++) {
            for (int j = p0 + i + 1; j < s; j++) m[i * s + j] = Float.NEGATIVE_INFINITY;
        }
        return owner.create(m, new Shape(t, s));
    }
}
