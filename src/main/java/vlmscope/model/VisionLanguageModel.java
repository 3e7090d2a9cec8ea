package vlmscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import vlmscope.hooks.Hooks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the engine needs from a model family: the seam a new architecture implements (LLaVA: {@code model.llava}).
 * A family brings its vision tower and projector/merger, its decoder blocks (norm, attention with its rotary
 * variant, MLP), final norm and head, and its weight names; the engine ({@code vlmscope.engine.HookedModel}) does
 * caching, patching, suffix recomputation and generation over these calls only. Every call visits the family's
 * hook sites on {@code hooks}; results are owned by {@code owner}.
 */
public interface VisionLanguageModel extends AutoCloseable {

    /** HF {@code model_type} of the checkpoint. */
    String modelType();

    Path directory();

    Precision precision();

    /** The manager that owns the weights; engines make their sub-managers from it. */
    NDManager manager();

    /** Decoder blocks: sites {@code blocks.0 .. blocks.(n-1)}. */
    int numLayers();

    /** Vision blocks the tower runs: sites {@code vision.blocks.0 .. vision.blocks.(n-1)}. */
    int numVisionLayers();

    /** Decoder width d. */
    int hiddenSize();

    /** Vision width (of {@code vision.blocks.L.resid_post}). */
    int visionHiddenSize();

    int vocabSize();

    /** Side of the square image the vision tower takes. */
    int imageSize();

    /** Patches per side of the vision tower's square patch grid. */
    int patchGridSize();

    /** Sequence rows one image occupies (what the processor expands an image marker into). */
    int imageRowsPerImage();

    /** Sequence rows that hold image features, in image order. */
    int[] imagePositions(int[] ids);

    /** Rotary position ids of every row of a prompt (with its images). */
    PositionIds positions(int[] ids, List<float[]> images);

    /**
     * Vision tower + projector over preprocessed images (visits the vision sites and {@code projector.out}).
     *
     * @return [rows, d] image features in image order
     */
    NDArray encodeImages(List<float[]> pixels, Hooks hooks, NDManager owner);

    /**
     * Token embeddings with image features merged into the image rows; visits {@code embed}.
     *
     * @param imageFeatures [rows, d] from {@link #encodeImages}, or null for a text-only prompt
     * @return [T, d]
     */
    NDArray embed(int[] ids, NDArray imageFeatures, Hooks hooks, NDManager owner);

    /** Embeddings of text tokens in the compute precision, no hook (generated tokens): [t, d]. */
    NDArray embedText(int[] ids, NDManager owner);

    /**
     * Runs decoder blocks {@code fromBlock .. n-1} on x [t, d] at the rows {@code positions} describes; the cache
     * holds rows {@code [0, positions.offset())} of every block run, and the new keys/values are appended.
     *
     * @return [t, d] output of the last block (before the final norm)
     */
    NDArray runBlocks(NDArray x, PositionIds positions, int fromBlock, KvCache cache, Hooks hooks, NDManager owner);

    /**
     * Several patched runs over the same suffix rows (those {@code positions} describes) of one prompt, or of prompts
     * of one length whose rows have the same position ids; each run from its own block with its own hooks: blocks
     * {@code run.fromBlock() .. n-1}, then the final norm and lm_head at the last row. Keys/values of rows before
     * {@code positions.offset()} come from {@code run.prefix()}. Each run visits its hooks exactly as
     * {@link #runBlocks} followed by {@link #head} would.
     *
     * <p>This default runs the runs one at a time; a family whose blocks can take a batch of runs overrides it so
     * each block's weights are read once for all runs live at that block.
     *
     * @return per run, in order: float32 [1, V] last-row logits owned by {@code owner}
     */
    default List<NDArray> runSuffixes(List<SuffixRun> runs, PositionIds positions, NDManager owner) {
        int p0 = positions.offset();
        List<NDArray> logits = new ArrayList<>();
        for (SuffixRun run : runs) {
            try (KvCache cache = run.prefix().prefix(p0, run.fromBlock());
                 NDManager scratch = owner.newSubManager()) {
                NDArray last = runBlocks(run.x(), positions, run.fromBlock(), cache, run.hooks(), scratch); // [t, d]
                logits.add(Scopes.keep(head(last, p0, false, run.hooks(), scratch), owner));             // [1, V]
            }
        }
        return logits;
    }

    /**
     * Final norm and lm_head (visits {@code final_norm}, {@code logits}) over x [t, d] starting at row p0.
     *
     * @return float32 [t or 1, V] logits of every row or of the last row only
     */
    NDArray head(NDArray x, int p0, boolean allPositions, Hooks hooks, NDManager owner);

    @Override
    void close();
}
