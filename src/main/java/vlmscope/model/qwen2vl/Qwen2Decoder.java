package vlmscope.model.qwen2vl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import vlmscope.hooks.Hooks;
import vlmscope.model.Decoder;
import vlmscope.model.DecoderEnds;
import vlmscope.model.KvCache;
import vlmscope.model.PositionIds;

/**
 * The Qwen2 language model of Qwen2-VL / Qwen2.5-VL: token embedding, N {@link Qwen2DecoderBlock}s with M-RoPE,
 * final RMSNorm and the lm_head (the embedding itself when {@code tie_word_embeddings} and no lm_head tensor).
 * {@link #runBlocks} runs blocks over any suffix of rows given those rows' 3-D position ids, reading earlier
 * keys/values from a {@link KvCache}.
 */
public final class Qwen2Decoder extends Decoder {

    private final MRope rope;
    private final Qwen2DecoderBlock[] blocks;

    public Qwen2Decoder(QwenTextConfig cfg, QwenWeights w, NDManager manager) {
        super(DecoderEnds.read(w, w.compute(), cfg.vocabSize(), cfg.hiddenSize(), cfg.tieWordEmbeddings(), cfg.rmsNormEps()),
                cfg.numLayers());
        rope = new MRope(cfg, w.compute(), manager);
        blocks = new Qwen2DecoderBlock[cfg.numLayers()];
        for (int l = 0; l < blocks.length; l++) blocks[l] = new Qwen2DecoderBlock(l, cfg, w);
    }

    /**
     * Runs blocks {@code fromBlock .. N-1} on x [t, d] at rows p0 .. p0 + t - 1 (p0 = {@code positions.offset()})
     * whose 3-D ids are {@code positions}; {@code cache} holds exactly rows [0, p0) of every block run.
     *
     * @return [t, d] raw output of the last block, owned by {@code owner}
     */
    @Override
    public NDArray runBlocks(NDArray x, PositionIds positions, int fromBlock, KvCache cache, Hooks hooks, NDManager owner) {
        if (positions.axes() != 3) throw new IllegalArgumentException("M-RoPE needs 3-axis position ids, got " + positions.axes());
        NDArray[] cosSin = rope.tables(positions, owner);                   // [t, Dh] x2
        return DecoderEnds.runBlocks(x, positions, fromBlock, blocks.length, cache, owner,
                (l, in, mask) -> blocks[l].forward(in, positions.offset(), cosSin, mask, cache, hooks));
    }
}
