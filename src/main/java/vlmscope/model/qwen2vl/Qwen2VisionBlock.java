package vlmscope.model.qwen2vl;

import vlmscope.model.Compute;
import vlmscope.model.Activation;

import ai.djl.ndarray.NDArray;

/** HF {@code Qwen2VLVisionBlock}: LayerNorm (eps 1e-6), {@link VisionAttention}, fc1 → quick_gelu → fc2 with biases. */
final class Qwen2VisionBlock implements VisionBlock {

    private static final float EPS = 1e-6f;
    private final NDArray norm1W, norm1B, norm2W, norm2B; // [E]
    private final NDArray fc1W, fc1B, fc2W, fc2B;         // [I, E], [I], [E, I], [E]
    private final Activation act;
    private final Compute compute;
    private final VisionAttention attn;

    Qwen2VisionBlock(QwenVisionConfig cfg, QwenWeights w, int block) {
        String p = "visual.blocks." + block + ".";
        long e = cfg.width();
        long inter = cfg.mlpWidth();
        norm1W = w.load(p + "norm1.weight", e);
        norm1B = w.load(p + "norm1.bias", e);
        norm2W = w.load(p + "norm2.weight", e);
        norm2B = w.load(p + "norm2.bias", e);
        fc1W = w.load(p + "mlp.fc1.weight", inter, e);
        fc1B = w.load(p + "mlp.fc1.bias", inter);
        fc2W = w.load(p + "mlp.fc2.weight", e, inter);
        fc2B = w.load(p + "mlp.fc2.bias", e);
        act = cfg.hiddenAct().equals("quick_gelu") ? Activation.QUICK_GELU : Activation.GELU;
        compute = w.compute();
        attn = new VisionAttention(cfg, w, p + "attn.");
    }

    @Override
    public NDArray forward(NDArray x, NDArray[] cosSin, int[] segments) {
        x = x.add(attn.forward(compute.layerNorm(x, norm1W, norm1B, EPS), cosSin, segments));  // [N, E]
        NDArray h = compute.linear(compute.layerNorm(x, norm2W, norm2B, EPS), fc1W, fc1B);     // [N, I]
        return x.add(compute.linear(compute.activate(act, h), fc2W, fc2B));                   // [N, E]
    }
}
