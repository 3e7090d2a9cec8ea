package vlmscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import vlmscope.hooks.Hooks;

/** A family's language model: token embedding, blocks over any suffix of rows with a KV cache, final norm + lm_head. */
public interface Decoder {

    int numLayers();

    /** The embedding, final norm and lm_head around the blocks. */
    DecoderEnds ends();

    /** Token embeddings [T, d] for {@code ids}, owned by {@code owner}. */
    default NDArray embed(int[] ids, NDManager owner) {
        return ends().embed(ids, owner);
    }

    /** Blocks {@code fromBlock .. N-1} on x [t, d] at rows {@code positions}; see {@link VisionLanguageModel#runBlocks}. */
    NDArray runBlocks(NDArray x, PositionIds positions, int fromBlock, KvCache cache, Hooks hooks, NDManager owner);

    /** Final norm and lm_head, visiting {@code final_norm} and {@code logits}: float32 [t or 1, V]. */
    default NDArray head(NDArray x, int p0, boolean allPositions, Hooks hooks, NDManager owner) {
        return ends().head(x, p0, allPositions, hooks, owner);
    }
}
