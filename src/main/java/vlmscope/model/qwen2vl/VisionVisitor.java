package vlmscope.model.qwen2vl;

import ai.djl.ndarray.NDArray;

/**
 * Sees (and may replace) the vision tower's intermediate values, always in the processor's natural patch order:
 * each block's output ({@code vision.blocks.L.resid_post}), the merger input ({@code vision.features}) and the
 * merger output ({@code projector.out}). The no-op visitor returns its argument.
 */
public interface VisionVisitor {

    VisionVisitor NONE = new VisionVisitor() {
    };

    /** rows: [N, E] output of block {@code block}. */
    default NDArray blockOutput(int block, NDArray rows) {
        return rows;
    }

    /** rows: [N, E] input of the merger. */
    default NDArray features(NDArray rows) {
        return rows;
    }

    /** tokens: [N / merge², d] merger output (the image-token embeddings). */
    default NDArray mergerOutput(NDArray tokens) {
        return tokens;
    }
}
