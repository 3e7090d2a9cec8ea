package vlmscope.model.qwen2vl;

import vlmscope.model.Compute;
import vlmscope.model.Activation;
import vlmscope.model.GatedMlp;

import ai.djl.ndarray.NDArray;

/**
 * HF {@code Qwen2_5_VLVisionBlock}: RMSNorm (eps 1e-6), {@link VisionAttention}, gated MLP
 * down(silu(gate(h)) * up(h)) with biases on all three projections.
 */
final class Qwen25VisionBlock implements VisionBlock {

    private static final float EPS = 1e-6f;
    private final NDArray norm1, norm2;               // [E]
    private final GatedMlp mlp;                       // with biases
    private final VisionAttention attn;
    private final Compute compute;

    Qwen25VisionBlock(QwenVisionConfig cfg, QwenWeights w, int block) {
        String p = "visual.blocks." + block + ".";
        long e = cfg.width();
        long inter = cfg.mlpWidth();
        norm1 = w.load(p + "norm1.weight", e);
        norm2 = w.load(p + "norm2.weight", e);
        mlp = GatedMlp.read(w::load, p + "mlp.", e, inter, true);
        attn = new VisionAttention(cfg, w, p + "attn.");
        compute = w.compute();
    }

    @Override
    public NDArray forward(NDArray x, NDArray[] cosSin, int[] segments) {
        x = x.add(attn.forward(compute.rmsNorm(x, norm1, EPS), cosSin, segments));     // [N, E]
        return x.add(mlp.apply(compute, Activation.SILU, compute.rmsNorm(x, norm2, EPS))); // [N, E]
    }
}
