package vlmscope.model.qwen2vl;

import vlmscope.model.Compute;
import vlmscope.model.Activation;

import ai.djl.ndarray.NDArray;

/**
 * HF {@code Qwen2_5_VLVisionBlock}: RMSNorm (eps 1e-6), {@link VisionAttention}, gated MLP
 * down(silu(gate(h)) * up(h)) with biases on all three projections.
 */
final class Qwen25VisionBlock implements VisionBlock {

    private static final float EPS = 1e-6f;
    private final NDArray norm1, norm2;               // [E]
    private final NDArray wGate, bGate, wUp, bUp;     // [I, E], [I]
    private final NDArray wDown, bDown;               // [E, I], [E]
    private final VisionAttention attn;
    private final Compute compute;

    Qwen25VisionBlock(QwenVisionConfig cfg, QwenWeights w, int block) {
        String p = "visual.blocks." + block + ".";
        long e = cfg.width();
        long inter = cfg.mlpWidth();
        norm1 = w.load(p + "norm1.weight", e);
        norm2 = w.load(p + "norm2.weight", e);
        wGate = w.load(p + "mlp.gate_proj.weight", inter, e);
        bGate = w.load(p + "mlp.gate_proj.bias", inter);
        wUp = w.load(p + "mlp.up_proj.weight", inter, e);
        bUp = w.load(p + "mlp.up_proj.bias", inter);
        wDown = w.load(p + "mlp.down_proj.weight", e, inter);
        bDown = w.load(p + "mlp.down_proj.bias", e);
        attn = new VisionAttention(cfg, w, p + "attn.");
        compute = w.compute();
    }

    @Override
    public NDArray forward(NDArray x, NDArray[] cosSin, int[] segments) {
        x = x.add(attn.forward(compute.rmsNorm(x, norm1, EPS), cosSin, segments));     // [N, E]
        NDArray h = compute.rmsNorm(x, norm2, EPS);                                     // [N, E]
        NDArray gate = compute.activate(Activation.SILU, compute.linear(h, wGate, bGate)); // [N, I]
        return x.add(compute.linear(gate.mul(compute.linear(h, wUp, bUp)), wDown, bDown)); // [N, E]
    }
}
