package vlmscope.model.qwen2vl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The ViT's 2-D rotary embedding (HF {@code VisionRotaryEmbedding(head_dim / 2)} + {@code rot_pos_emb}): with
 * inv_freq = 1 / 10000^(arange(0, Dh/2, 2) / (Dh/2)) ([Dh/4]), a patch at (row, column) rotates by
 * cat(row · inv_freq, column · inv_freq), duplicated over both halves of the head (rotate_half convention).
 */
final class VisionRotary {

    private VisionRotary() {
    }

    /**
     * @param rows    patch row of each vision token, in the order the tokens are processed
     * @param columns patch column of each vision token
     * @return {cos, sin}, each [N, Dh]
     */
    static NDArray[] tables(int headDim, int[] rows, int[] columns, NDManager manager) {
        int dim = headDim / 2;
        NDArray invFreq = NDArrays.div(1f, manager.create(10000f)
                .pow(manager.arange(0, dim, 2, DataType.INT64).toType(DataType.FLOAT32, false).div(dim))); // [Dh/4]
        int n = rows.length;
        float[] r = new float[n];
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            r[i] = rows[i];
            c[i] = columns[i];
        }
        NDArray fr = manager.create(r, new Shape(n, 1)).mul(invFreq.expandDims(0));  // [N, Dh/4]
        NDArray fc = manager.create(c, new Shape(n, 1)).mul(invFreq.expandDims(0));  // [N, Dh/4]
        NDArray half = NDArrays.concat(new NDList(fr, fc), 1);                        // [N, Dh/2]
        NDArray emb = NDArrays.concat(new NDList(half, half), 1);                     // [N, Dh]
        return new NDArray[] {emb.cos(), emb.sin()};
    }
}
