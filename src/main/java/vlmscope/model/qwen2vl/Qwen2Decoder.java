package vlmscope.model.qwen2vl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import vlmscope.VlmscopeException;
import vlmscope.model.KvCache;

/**
 * The Qwen2 language model of Qwen2-VL / Qwen2.5-VL: token embedding, N {@link Qwen2DecoderBlock}s with M-RoPE,
 * final RMSNorm and the lm_head (the embedding itself when {@code tie_word_embeddings} and no lm_head tensor).
 * {@link #runBlocks} runs blocks over any suffix of positions p0.. given the 3-D position ids of those positions,
 * reading earlier keys/values from a {@link KvCache}.
 */
public final class Qwen2Decoder {

    private final QwenTextConfig cfg;
    private final MRope rope;
    private final NDArray embedTokens; // [V, d]
    private final NDArray finalNorm;   // [d]
    private final NDArray lmHead;      // [V, d]
    private final Qwen2DecoderBlock[] blocks;

    public Qwen2Decoder(QwenTextConfig cfg, QwenWeights w, NDManager manager) {
        this.cfg = cfg;
        long v = cfg.vocabSize();
        long d = cfg.hiddenSize();
        embedTokens = w.load("model.embed_tokens.weight", v, d);
        finalNorm = w.load("model.norm.weight", d);
        lmHead = cfg.tieWordEmbeddings() && !w.has("lm_head.weight") ? embedTokens : w.load("lm_head.weight", v, d);
        rope = new MRope(cfg, manager);
        blocks = new Qwen2DecoderBlock[cfg.numLayers()];
        for (int l = 0; l < blocks.length; l++) blocks[l] = new Qwen2DecoderBlock(l, cfg, w);
    }

    public QwenTextConfig config() {
        return cfg;
    }

    public int numLayers() {
        return blocks.length;
    }

    /** Token embeddings [T, d], owned by {@code manager}. */
    public NDArray embed(int[] ids, NDManager manager) {
        for (int id : ids) {
            if (id < 0 || id >= cfg.vocabSize()) {
                throw new VlmscopeException("token id " + id + " is outside the vocabulary [0, " + cfg.vocabSize()
                        + "). Fix: use the tokenizer that belongs to this checkpoint");
            }
        }
        NDArray rows = embedTokens.get(new NDIndex("{}", manager.create(ids))); // [T, d]
        rows.attach(manager);
        return rows;
    }

    /**
     * Runs blocks {@code fromBlock .. N-1} on x [t, d] at positions p0 .. p0 + t - 1 whose 3-D ids are
     * {@code positions} [3][t]; {@code cache} holds exactly [0, p0) of every block run.
     *
     * @return [t, d] raw output of the last block
     */
    public NDArray runBlocks(NDArray x, int[][] positions, int p0, int fromBlock, KvCache cache, DecoderVisitor visitor,
                             NDManager manager) {
        int t = (int) x.getShape().get(0);
        NDArray[] cosSin = rope.tables(positions, manager);                 // [t, Dh] x2
        NDArray mask = t == 1 ? null : causalMask(p0, t, manager);          // [t, p0 + t]
        for (int l = fromBlock; l < blocks.length; l++) {
            if (cache.length(l) != p0) {
                throw new IllegalStateException("KV cache of block " + l + " holds " + cache.length(l)
                        + " positions, expected " + p0);
            }
            x = visitor.layerOutput(l, blocks[l].forward(x, cosSin, mask, cache), p0);
        }
        return x;
    }

    /** HF's final RMSNorm: [t, d] → [t, d]. */
    public NDArray finalNorm(NDArray x) {
        return QwenOps.rmsNorm(x, finalNorm, (float) cfg.rmsNormEps());
    }

    /** lm_head: [t, d] normed rows → [t, V] logits. */
    public NDArray logits(NDArray normed) {
        return QwenOps.linear(normed, lmHead, null);
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
