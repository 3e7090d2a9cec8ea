package vlmscope.model;

import ai.djl.ndarray.NDArray;

/**
 * The MLP of CLIP encoder layers and Qwen2-VL vision blocks: fc2(act(fc1(h))), both projections with biases.
 *
 * @param fc1 [I, E] (fc1Bias [I]), fc2 [E, I] (fc2Bias [E])
 */
public record TwoLayerMlp(NDArray fc1, NDArray fc1Bias, NDArray fc2, NDArray fc2Bias) {

    /** Reads {@code prefix + fc1 / fc2} weights and biases of an MLP from width E to {@code inter} and back. */
    public static TwoLayerMlp read(TensorSource w, String prefix, long width, long inter) {
        return new TwoLayerMlp(w.load(prefix + "fc1.weight", inter, width), w.load(prefix + "fc1.bias", inter),
                w.load(prefix + "fc2.weight", width, inter), w.load(prefix + "fc2.bias", width));
    }

    /**
     * @param h [..., E] normed rows
     * @return [..., E]
     */
    public NDArray apply(Compute compute, Activation act, NDArray h) {
        NDArray hidden = compute.activate(act, compute.linear(h, fc1, fc1Bias)); // [..., I]
        return compute.linear(hidden, fc2, fc2Bias);                               // [..., E]
    }
}
