package vlmscope.model;

import ai.djl.ndarray.NDArray;

/**
 * The gated MLP of Llama / Qwen2 decoder layers and Qwen2.5-VL vision blocks: down(act(gate(h)) * up(h)).
 * Biases are null where the checkpoint has none.
 *
 * @param gate [I, d] (gateBias [I]), up [I, d] (upBias [I]), down [d, I] (downBias [d])
 */
public record GatedMlp(NDArray gate, NDArray gateBias, NDArray up, NDArray upBias, NDArray down, NDArray downBias) {

    /** Reads {@code prefix + gate_proj / up_proj / down_proj}, with their {@code .bias} tensors when {@code biases}. */
    public static GatedMlp read(TensorSource w, String prefix, long width, long inter, boolean biases) {
        return new GatedMlp(
                w.load(prefix + "gate_proj.weight", inter, width), biases ? w.load(prefix + "gate_proj.bias", inter) : null,
                w.load(prefix + "up_proj.weight", inter, width), biases ? w.load(prefix + "up_proj.bias", inter) : null,
                w.load(prefix + "down_proj.weight", width, inter), biases ? w.load(prefix + "down_proj.bias", width) : null);
    }

    /**
     * @param h [..., d] normed rows
     * @return [..., d]
     */
    public NDArray apply(Compute compute, Activation act, NDArray h) {
        NDArray g = compute.activate(act, compute.linear(h, gate, gateBias)); // [..., I]
        NDArray u = compute.linear(h, up, upBias);                            // [..., I]
        return compute.linear(g.mul(u), down, downBias);                      // [..., d]
    }
}
