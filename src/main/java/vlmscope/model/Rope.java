package vlmscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

import java.util.Arrays;

/**
 * Rotary position embedding in HF's rotate_half convention: dims (i, i + Dh/2) rotate together.
 * inv_freq = 1 / theta^(arange(0, Dh, 2) / Dh) and angles = position * inv_freq are computed by libtorch in
 * float32 exactly as HF does, so the tables match bit for bit.
 */
final class Rope {

    private final NDManager manager;
    private final int headDim;
    private final double theta;
    private final Compute compute;
    private NDArray cos; // [capacity, Dh]
    private NDArray sin; // [capacity, Dh]
    private int capacity;

    Rope(NDManager manager, int headDim, double theta, Compute compute) {
        this.manager = manager;
        this.headDim = headDim;
        this.theta = theta;
        this.compute = compute;
    }

    /** Rotates x [..., H, t, Dh] whose rows have the 1-D position ids {@code positions}. */
    NDArray apply(NDArray x, PositionIds positions) {
        if (positions.axes() != 1) throw new IllegalArgumentException("1-D RoPE got " + positions.axes() + "-axis position ids");
        int t = (int) x.getShape().get(x.getShape().dimension() - 2);
        int start = positions.contiguousStart();
        NDArray c;                                                    // [t, Dh]
        NDArray s;                                                    // [t, Dh]
        if (start >= 0) {
            ensure(start + t);
            c = cos.get(start + ":" + (start + t));
            s = sin.get(start + ":" + (start + t));
        } else {
            int[] ids = positions.axis(0);
            ensure(Arrays.stream(ids).max().orElse(0) + 1);
            NDArray index = x.getManager().create(ids);               // [t]
            c = cos.get(new NDIndex("{}", index));
            s = sin.get(new NDIndex("{}", index));
        }
        int half = headDim / 2;
        NDArray x1 = x.get("..., :" + half);                          // [..., H, t, Dh/2]
        NDArray x2 = x.get("..., " + half + ":");                     // [..., H, t, Dh/2]
        NDArray rotated = NDArrays.concat(new NDList(x2.neg(), x1), -1); // [..., H, t, Dh]
        return x.mul(c).add(rotated.mul(s));
    }

    private synchronized void ensure(int length) {
        if (length <= capacity) return;
        int newCapacity = Math.max(length, Math.max(64, capacity * 2));
        try (NDManager tmp = manager.newSubManager()) {
            NDArray exponents = tmp.arange(0, headDim, 2, DataType.INT64).toType(DataType.FLOAT32, false).div(headDim); // [Dh/2]
            NDArray invFreq = NDArrays.div(1f, tmp.create((float) theta).pow(exponents));                                      // [Dh/2]
            NDArray positions = tmp.arange(0, newCapacity, 1, DataType.INT64).toType(DataType.FLOAT32, false);         // [P]
            NDArray freqs = positions.expandDims(1).matMul(invFreq.expandDims(0));                                     // [P, Dh/2]
            NDArray emb = NDArrays.concat(new NDList(freqs, freqs), -1);                                               // [P, Dh]
            NDArray newCos = compute.activation(emb.cos());
            NDArray newSin = compute.activation(emb.sin());
            Scopes.keep(newCos, manager);
            Scopes.keep(newSin, manager);
            if (cos != null) {
                cos.close();
                sin.close();
            }
            cos = newCos;
            sin = newSin;
            capacity = newCapacity;
        }
    }
}
