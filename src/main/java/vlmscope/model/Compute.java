package vlmscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

/**
 * The numeric kernels a forward pass is made of, in one precision. FP32 composes plain DJL ops and follows HF's
 * float32 arithmetic order; every method keeps the input's row layout.
 */
public class Compute {

    private final Precision precision;

    Compute(Precision precision) {
        this.precision = precision;
    }

    public Precision precision() {
        return precision;
    }

    /** A freshly loaded float32 weight in this precision. */
    public NDArray weight(NDArray fp32) {
        return fp32;
    }

    /** A bf16 weight given as its raw bits (FLOAT16-typed view of a bf16 safetensors tensor), in this precision. */
    public NDArray weightFromBf16Bits(NDArray bits) {
        throw new IllegalStateException("subclass must convert bf16 bits");
    }

    /** A float32 activation (embeddings, pixels) in this precision. */
    public NDArray activation(NDArray fp32) {
        return fp32;
    }

    /** An activation of this precision as float32 (for reading out, caching to disk, comparing). */
    public NDArray toFloat32(NDArray x) {
        return x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
    }

    /** x W^T + b, W in PyTorch's [out, in] layout; b may be null. */
    public NDArray linear(NDArray x, NDArray w, NDArray b) {
        return b == null ? Linear.linear(x, w).get(0) : Linear.linear(x, w, b).get(0);
    }

    /** HF LlamaRMSNorm: w * (x * rsqrt(mean(x^2) + eps)), statistics in float32. */
    public NDArray rmsNorm(NDArray x, NDArray w, float eps) {
        NDArray inv = x.square().mean(new int[]{-1}, true).add(eps).sqrt().pow(-1f);
        return w.mul(x.mul(inv));
    }

    public NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta, float eps) {
        return LayerNorm.layerNorm(x, new Shape(x.getShape().tail()), gamma, beta, eps).get(0);
    }

    public NDArray activate(Activation act, NDArray x) {
        return act.apply(x);
    }

    /**
     * Softmax attention with grouped key/value heads (query head h reads KV head h / group).
     *
     * @param q    [H, t, Dh] queries
     * @param k    [KV, S, Dh] keys
     * @param v    [KV, S, Dh] values
     * @param mask [t, S] additive mask, or null for none
     * @return [H, t, Dh]
     */
    public NDArray attention(NDArray q, NDArray k, NDArray v, NDArray mask, float scale) {
        GroupedHeads g = GroupedHeads.of(q, k);
        long s = k.getShape().get(1);
        NDArray grouped = g.fold(q);                                          // [KV, g*t, Dh]
        NDArray scores = grouped.matMul(k.swapAxes(1, 2)).mul(scale);       // [KV, g*t, S]
        if (mask != null) {
            scores = scores.reshape(g.kvHeads(), g.group(), g.t(), s).add(mask).reshape(g.kvHeads(), g.group() * g.t(), s);
        }
        NDArray probs = scores.softmax(-1);                                  // [KV, g*t, S]
        return g.unfold(probs.matMul(v));                                    // [H, t, Dh]
    }

    /**
     * Grouped-query attention's layout: the H query heads of [H, t, Dh] folded onto the KV key/value heads as
     * [KV, g*t, Dh] (query head h reads KV head h / g), so one batched matmul serves each group.
     */
    protected record GroupedHeads(long heads, long t, long dh, long kvHeads, long group) {

        /** @param q [H, t, Dh] queries; k [KV, S, Dh] keys */
        static GroupedHeads of(NDArray q, NDArray k) {
            long heads = q.getShape().get(0);
            long kvHeads = k.getShape().get(0);
            return new GroupedHeads(heads, q.getShape().get(1), q.getShape().get(2), kvHeads, heads / kvHeads);
        }

        /** [H, t, Dh] → [KV, g*t, Dh] */
        NDArray fold(NDArray q) {
            return q.reshape(kvHeads, group * t, dh);
        }

        /** [KV, g*t, Dh] → [H, t, Dh] */
        NDArray unfold(NDArray out) {
            return out.reshape(heads, t, dh);
        }
    }
}
