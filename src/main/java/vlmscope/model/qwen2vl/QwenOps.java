package vlmscope.model.qwen2vl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

/**
 * The float32 kernels of the Qwen2-VL family, each in HF's arithmetic order (attention scores divided by
 * sqrt(head_dim) after the product, softmax in float32, RMSNorm statistics in float32).
 */
final class QwenOps {

    private QwenOps() {
    }

    /** x W^T + b, W in PyTorch's [out, in] layout; b may be null. */
    static NDArray linear(NDArray x, NDArray w, NDArray b) {
        return b == null ? Linear.linear(x, w).get(0) : Linear.linear(x, w, b).get(0);
    }

    /** HF Qwen2RMSNorm: w * (x * rsqrt(mean(x^2) + eps)). */
    static NDArray rmsNorm(NDArray x, NDArray w, float eps) {
        NDArray inv = x.square().mean(new int[] {-1}, true).add(eps).sqrt().pow(-1f);
        return w.mul(x.mul(inv));
    }

    static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta, float eps) {
        return LayerNorm.layerNorm(x, new Shape(x.getShape().tail()), gamma, beta, eps).get(0);
    }

    /** x * sigmoid(x). */
    static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    /** x * sigmoid(1.702 x). */
    static NDArray quickGelu(NDArray x) {
        return x.mul(Activation.sigmoid(x.mul(1.702f)));
    }

    /** Exact erf GELU (torch.nn.GELU()). */
    static NDArray gelu(NDArray x) {
        return Activation.gelu(x);
    }

    /** HF rotate_half on the last axis: (x1, x2) → (-x2, x1). */
    static NDArray rotateHalf(NDArray x) {
        long half = x.getShape().get(x.getShape().dimension() - 1) / 2;
        NDArray x1 = x.get("..., :" + half);
        NDArray x2 = x.get("..., " + half + ":");
        return NDArrays.concat(new NDList(x2.neg(), x1), -1);
    }

    /**
     * Softmax attention with grouped key/value heads (query head h reads KV head h / group).
     *
     * @param q    [H, t, Dh]
     * @param k    [KV, S, Dh]
     * @param v    [KV, S, Dh]
     * @param mask [t, S] additive, or null
     * @return [H, t, Dh]
     */
    static NDArray attention(NDArray q, NDArray k, NDArray v, NDArray mask) {
        long heads = q.getShape().get(0);
        long t = q.getShape().get(1);
        long dh = q.getShape().get(2);
        long kvHeads = k.getShape().get(0);
        long group = heads / kvHeads;
        long s = k.getShape().get(1);
        NDArray grouped = q.reshape(kvHeads, group * t, dh);                                  // [KV, g*t, Dh]
        NDArray scores = grouped.matMul(k.swapAxes(1, 2)).div((float) Math.sqrt(dh));        // [KV, g*t, S]
        if (mask != null) {
            scores = scores.reshape(kvHeads, group, t, s).add(mask).reshape(kvHeads, group * t, s);
        }
        NDArray probs = scores.softmax(-1);                                                   // [KV, g*t, S]
        return probs.matMul(v).reshape(heads, t, dh);                                         // [H, t, Dh]
    }
}
