package vlmscope.model.qwen2vl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import vlmscope.model.Compute;
import vlmscope.model.PositionIds;
import vlmscope.model.Scopes;

/**
 * Qwen2-VL's multimodal rotary embedding (HF {@code apply_multimodal_rotary_pos_emb}): the head's Dh/2 rotary
 * frequency pairs are cut into {@code mrope_section} = (s_t, s_h, s_w) consecutive runs, and run k rotates by the
 * position in row k (temporal, height, width) of the token's 3-D position id. Both halves of the head use the same
 * split (HF's {@code mrope_section * 2}), in the rotate_half convention. When the three rows are equal this is the
 * plain 1-D RoPE of Llama/Qwen2.
 *
 * <p>inv_freq = 1 / theta^(arange(0, Dh, 2) / Dh) and angle = position · inv_freq are computed by libtorch in
 * float32 as HF does, so the cos/sin tables equal HF's.
 */
public final class MRope {

    private final int headDim;
    private final Compute compute;
    private final NDArray invFreqFull; // [Dh] = cat(inv_freq, inv_freq)
    private final int[] rowOfDim;      // [Dh] which position row (0 t, 1 h, 2 w) rotates dimension j

    public MRope(QwenTextConfig cfg, Compute compute, NDManager manager) {
        this.headDim = cfg.headDim();
        this.compute = compute;
        NDArray exponents = manager.arange(0, headDim, 2, DataType.INT64).toType(DataType.FLOAT32, false).div(headDim); // [Dh/2]
        NDArray invFreq = NDArrays.div(1f, manager.create((float) cfg.ropeTheta()).pow(exponents));                        // [Dh/2]
        invFreqFull = NDArrays.concat(new NDList(invFreq, invFreq), 0);                                                   // [Dh]
        int[] section = cfg.mropeSection();
        rowOfDim = new int[headDim];
        for (int j = 0; j < headDim; j++) {
            int pair = j % (headDim / 2);
            rowOfDim[j] = pair < section[0] ? 0 : pair < section[0] + section[1] ? 1 : 2;
        }
    }

    /**
     * The rotation of rows with 3-axis ids {@code positions}: {cos, sin}, each [t, Dh] in the compute precision,
     * owned by {@code owner}.
     */
    public NDArray[] tables(PositionIds positions, NDManager owner) {
        int t = positions.length();
        int[][] ids = {positions.axis(0), positions.axis(1), positions.axis(2)};
        float[] pos = new float[t * headDim]; // [t, Dh] the position each dimension rotates by
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < headDim; j++) pos[i * headDim + j] = ids[rowOfDim[j]][i];
        }
        try (NDScope ignored = new NDScope()) {
            NDArray angles = owner.create(pos, new Shape(t, headDim)).mul(invFreqFull); // [t, Dh]
            return new NDArray[] {Scopes.keep(compute.activation(angles.cos()), owner),
                    Scopes.keep(compute.activation(angles.sin()), owner)};
        }
    }

    /** Rotates x [H, t, Dh] by tables {cos, sin} [t, Dh]. */
    public static NDArray apply(NDArray x, NDArray[] cosSin) {
        return x.mul(cosSin[0]).add(rotateHalf(x).mul(cosSin[1]));
    }

    /** HF rotate_half on the last axis: (x1, x2) → (-x2, x1). */
    private static NDArray rotateHalf(NDArray x) {
        long half = x.getShape().get(x.getShape().dimension() - 1) / 2;
        NDArray x1 = x.get("..., :" + half);
        NDArray x2 = x.get("..., " + half + ":");
        return NDArrays.concat(new NDList(x2.neg(), x1), -1);
    }
}
