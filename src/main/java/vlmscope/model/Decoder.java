package vlmscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import vlmscope.hooks.Hooks;

/**
 * A family's language model: token embedding, blocks over any suffix of rows with a KV cache, final norm + lm_head.
 * A family brings only its blocks ({@link #runBlocks}); the embedding, final norm and lm_head around them are the
 * same {@link DecoderEnds} for every family.
 */
public abstract class Decoder {

    protected final DecoderEnds ends;
    private final int numLayers;

    protected Decoder(DecoderEnds ends, int numLayers) {
        this.ends = ends;
        this.numLayers = numLayers;
    }

    public final int numLayers() {
        return numLayers;
    }

    /** The embedding, final norm and lm_head around the blocks. */
    public final DecoderEnds ends() {
        return ends;
    }

    /** Token embeddings [T, d] for {@code ids}, owned by {@code owner}. */
    public final NDArray embed(int[] ids, NDManager owner) {
        return ends.embed(ids, owner);
    }

    /** Blocks {@code fromBlock .. N-1} on x [t, d] at rows {@code positions}; see {@link VisionLanguageModel#runBlocks}. */
    public abstract NDArray runBlocks(NDArray x, PositionIds positions, int fromBlock, KvCache cache, Hooks hooks, NDManager owner);

    /** Final norm and lm_head, visiting {@code final_norm} and {@code logits}: float32 [t or 1, V]. */
    public final NDArray head(NDArray x, int p0, boolean allPositions, Hooks hooks, NDManager owner) {
        return ends.head(x, p0, allPositions, hooks, owner);
    }
}
