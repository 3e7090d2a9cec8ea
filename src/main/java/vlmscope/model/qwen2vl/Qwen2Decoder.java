package vlmscope.model.qwen2vl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import vlmscope.VlmscopeException;
import vlmscope.hooks.Hooks;
import vlmscope.hooks.Sites;
import vlmscope.model.Compute;
import vlmscope.model.KvCache;
import vlmscope.model.PositionIds;
import vlmscope.model.Scopes;

/**
 * The Qwen2 language model of Qwen2-VL / Qwen2.5-VL: token embedding, N {@link Qwen2DecoderBlock}s with M-RoPE,
 * final RMSNorm and the lm_head (the embedding itself when {@code tie_word_embeddings} and no lm_head tensor).
 * {@link #runBlocks} runs blocks over any suffix of rows given those rows' 3-D position ids, reading earlier
 * keys/values from a {@link KvCache}.
 */
public final class Qwen2Decoder {

    private final QwenTextConfig cfg;
    private final Compute compute;
    private final MRope rope;
    private final NDArray embedTokens; // [V, d]
    private final NDArray finalNorm;   // [d]
    private final NDArray lmHead;      // [V, d]
    private final Qwen2DecoderBlock[] blocks;

    public Qwen2Decoder(QwenTextConfig cfg, QwenWeights w, NDManager manager) {
        this.cfg = cfg;
        this.compute = w.compute();
        long v = cfg.vocabSize();
        long d = cfg.hiddenSize();
        embedTokens = w.load("model.embed_tokens.weight", v, d);
        finalNorm = w.load("model.norm.weight", d);
        lmHead = cfg.tieWordEmbeddings() && !w.has("lm_head.weight") ? embedTokens : w.load("lm_head.weight", v, d);
        rope = new MRope(cfg, compute, manager);
        blocks = new Qwen2DecoderBlock[cfg.numLayers()];
        for (int l = 0; l < blocks.length; l++) blocks[l] = new Qwen2DecoderBlock(l, cfg, w);
    }

    public QwenTextConfig config() {
        return cfg;
    }

    public int numLayers() {
        return blocks.length;
    }

    /** Token embeddings [T, d] in the compute precision, owned by {@code owner}. */
    public NDArray embed(int[] ids, NDManager owner) {
        for (int id : ids) {
            if (id < 0 || id >= cfg.vocabSize()) {
                throw new VlmscopeException("token id " + id + " is outside the vocabulary [0, " + cfg.vocabSize()
                        + "). Fix: use the tokenizer that belongs to this checkpoint");
            }
        }
        try (NDScope ignored = new NDScope()) {
            NDArray rows = embedTokens.get(new NDIndex("{}", owner.create(ids))); // [T, d]
            return Scopes.keep(rows, owner);
        }
    }

    /**
     * Runs blocks {@code fromBlock .. N-1} on x [t, d] at rows p0 .. p0 + t - 1 (p0 = {@code positions.offset()})
     * whose 3-D ids are {@code positions}; {@code cache} holds exactly rows [0, p0) of every block run.
     *
     * @return [t, d] raw output of the last block, owned by {@code owner}
     */
    public NDArray runBlocks(NDArray x, PositionIds positions, int fromBlock, KvCache cache, Hooks hooks, NDManager owner) {
        int p0 = positions.offset();
        int t = (int) x.getShape().get(0);
        if (positions.length() != t) throw new IllegalArgumentException(t + " rows but " + positions.length() + " position ids");
        if (positions.axes() != 3) throw new IllegalArgumentException("M-RoPE needs 3-axis position ids, got " + positions.axes());
        NDArray[] cosSin = rope.tables(positions, owner);                   // [t, Dh] x2
        NDArray mask = t == 1 ? null : causalMask(p0, t, owner);            // [t, p0 + t]
        for (int l = fromBlock; l < blocks.length; l++) {
            if (cache.length(l) != p0) {
                throw new IllegalStateException("KV cache of block " + l + " holds " + cache.length(l)
                        + " positions, expected " + p0);
            }
            try (NDScope ignored = new NDScope()) {
                x = Scopes.keep(blocks[l].forward(x, p0, cosSin, mask, cache, hooks), owner);
            }
        }
        return x;
    }

    /** Final norm and lm_head over the rows from p0 (visits {@code final_norm}, {@code logits}): float32 [t or 1, V]. */
    public NDArray head(NDArray x, int p0, boolean allPositions, Hooks hooks, NDManager owner) {
        try (NDScope ignored = new NDScope()) {
            NDArray normed = hooks.visit(Sites.FINAL_NORM, compute.rmsNorm(x, finalNorm, (float) cfg.rmsNormEps()), p0); // [t, d]
            long t = normed.getShape().get(0);
            NDArray rows = allPositions ? normed : normed.get((t - 1) + ":");                                          // [t or 1, d]
            int firstRow = allPositions ? p0 : (int) (p0 + t - 1);
            NDArray logits = hooks.visit(Sites.LOGITS, compute.toFloat32(compute.linear(rows, lmHead, null)), firstRow); // [t or 1, V]
            return Scopes.keep(logits, owner);
        }
    }

    private static NDArray causalMask(int p0, int t, NDManager manager) {
        int s = p0 + t;
        float[] m = new float[t * s];
        for (int i = 0; i < t; i++) {
            for (int j = p0 + i + 1; j < s; j++) m[i * s + j] = Float.NEGATIVE_INFINITY;
        }
        return manager.create(m, new Shape(t, s));
    }
}
