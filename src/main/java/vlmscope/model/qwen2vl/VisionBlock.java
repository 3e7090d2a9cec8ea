package vlmscope.model.qwen2vl;

import ai.djl.ndarray.NDArray;
import vlmscope.model.Activation;
import vlmscope.model.Compute;
import vlmscope.model.GatedMlp;
import vlmscope.model.TwoLayerMlp;

import java.util.function.UnaryOperator;

/**
 * One pre-norm ViT block of the Qwen vision towers: x += attn(norm1(x)); x += mlp(norm2(x)), with
 * {@link VisionAttention}. The families differ only in the norm and the MLP: HF's {@code Qwen2VLVisionBlock} uses
 * LayerNorm and fc1 → quick_gelu → fc2, {@code Qwen2_5_VLVisionBlock} RMSNorm and a gated SiLU MLP
 * down(silu(gate(h)) * up(h)); both with biases on every projection and eps 1e-6.
 */
final class VisionBlock {

    private static final float EPS = 1e-6f;

    private final UnaryOperator<NDArray> norm1; // [N, E] → [N, E]
    private final VisionAttention attn;
    private final UnaryOperator<NDArray> norm2; // [N, E] → [N, E]
    private final UnaryOperator<NDArray> mlp;   // normed [N, E] → [N, E]

    private VisionBlock(UnaryOperator<NDArray> norm1, VisionAttention attn, UnaryOperator<NDArray> norm2,
                        UnaryOperator<NDArray> mlp) {
        this.norm1 = norm1;
        this.attn = attn;
        this.norm2 = norm2;
        this.mlp = mlp;
    }

    /** Block {@code block} of Qwen2-VL: LayerNorm, fc1 → act → fc2. */
    static VisionBlock qwen2(QwenVisionConfig cfg, QwenWeights w, int block) {
        String p = prefix(block);
        long e = cfg.width();
        Compute compute = w.compute();
        NDArray norm1W = w.load(p + "norm1.weight", e), norm1B = w.load(p + "norm1.bias", e); // [E]
        NDArray norm2W = w.load(p + "norm2.weight", e), norm2B = w.load(p + "norm2.bias", e); // [E]
        TwoLayerMlp mlp = TwoLayerMlp.read(w::load, p + "mlp.", e, cfg.mlpWidth());
        Activation act = cfg.hiddenAct().equals("quick_gelu") ? Activation.QUICK_GELU : Activation.GELU;
        return new VisionBlock(x -> compute.layerNorm(x, norm1W, norm1B, EPS), new VisionAttention(cfg, w, p + "attn."),
                x -> compute.layerNorm(x, norm2W, norm2B, EPS), h -> mlp.apply(compute, act, h));
    }

    /** Block {@code block} of Qwen2.5-VL: RMSNorm, gated SiLU MLP with biases. */
    static VisionBlock qwen25(QwenVisionConfig cfg, QwenWeights w, int block) {
        String p = prefix(block);
        Compute compute = w.compute();
        NDArray norm1 = w.load(p + "norm1.weight", cfg.width()); // [E]
        NDArray norm2 = w.load(p + "norm2.weight", cfg.width()); // [E]
        GatedMlp mlp = GatedMlp.read(w::load, p + "mlp.", cfg.width(), cfg.mlpWidth(), true);
        return new VisionBlock(x -> compute.rmsNorm(x, norm1, EPS), new VisionAttention(cfg, w, p + "attn."),
                x -> compute.rmsNorm(x, norm2, EPS), h -> mlp.apply(compute, Activation.SILU, h));
    }

    private static String prefix(int block) {
        return "visual.blocks." + block + ".";
    }

    /**
     * @param x        [N, E] residual rows in processing order
     * @param cosSin   rotary tables [N, Dh] x2 in the same order
     * @param segments lengths of the consecutive row segments that attend among themselves
     * @return [N, E]
     */
    NDArray forward(NDArray x, NDArray[] cosSin, int[] segments) {
        x = x.add(attn.forward(norm1.apply(x), cosSin, segments)); // [N, E]
        return x.add(mlp.apply(norm2.apply(x)));                   // [N, E]
    }
}
