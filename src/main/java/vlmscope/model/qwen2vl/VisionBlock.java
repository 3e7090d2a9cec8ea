package vlmscope.model.qwen2vl;

import ai.djl.ndarray.NDArray;

/** One pre-norm ViT block: x += attn(norm1(x)); x += mlp(norm2(x)). */
interface VisionBlock {

    /**
     * @param x        [N, E] residual rows in processing order
     * @param cosSin   rotary tables [N, Dh] x2 in the same order
     * @param segments lengths of the consecutive row segments that attend among themselves
     * @return [N, E]
     */
    NDArray forward(NDArray x, NDArray[] cosSin, int[] segments);
}
