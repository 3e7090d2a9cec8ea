package vlmscope.model;

import ai.djl.ndarray.NDArray;
import vlmscope.tensor.TorchKernels;

/**
 * bfloat16 kernels for large models (docs/backend.md#bf16): weights and activations in bf16, GEMMs through oneDNN's bf16 path,
 * RMSNorm and fused scaled-dot-product attention through the TorchScript kernel library (DJL itself aborts on bf16).
 * Norm statistics and softmax run in float32 inside the fused ops, as in HF.
 */
final class Bf16Compute extends Compute {

    private final TorchKernels kernels;

    Bf16Compute() {
        super(Precision.BF16);
        this.kernels = TorchKernels.shared();
    }

    @Override
    public NDArray weight(NDArray fp32) {
        NDArray bf16 = kernels.toBf16(fp32);
        fp32.close();
        return bf16;
    }

    /** Zero-copy: the bf16 tensor views the mapped checkpoint bytes. */
    @Override
    public NDArray weightFromBf16Bits(NDArray bits) {
        return kernels.bf16FromBits(bits);
    }

    @Override
    public NDArray activation(NDArray x) {
        return TorchKernels.isBf16(x) ? x : kernels.toBf16(x);
    }

    @Override
    public NDArray toFloat32(NDArray x) {
        return kernels.toF32(x);
    }

    @Override
    public NDArray rmsNorm(NDArray x, NDArray w, float eps) {
        return kernels.rmsNorm(x, w, eps);
    }

    @Override
    public NDArray activate(Activation act, NDArray x) {
        return switch (act) {
            case SILU -> kernels.silu(x);
            case GELU -> kernels.geluErf(x);
            case QUICK_GELU -> kernels.quickGelu(x);
        };
    }

    /** Fused SDPA; grouped heads are folded into the query rows, so the [t, S] mask is tiled per group. */
    @Override
    public NDArray attention(NDArray q, NDArray k, NDArray v, NDArray mask, float scale) {
        GroupedHeads g = GroupedHeads.of(q, k);
        // SDPA scales by 1/sqrt(Dh); fold the requested scale into q.
        float correction = (float) (scale * Math.sqrt(g.dh()));
        NDArray grouped = g.fold(q);                                                           // [KV, g*t, Dh]
        if (correction != 1f) grouped = grouped.mul(correction);
        NDArray out = mask == null
                ? kernels.sdpa(grouped, k, v)
                : kernels.sdpaMasked(grouped, k, v, g.group() == 1 ? mask : mask.tile(new long[]{g.group(), 1})); // [KV, g*t, Dh]
        return g.unfold(out);                                                                  // [H, t, Dh]
    }
}
