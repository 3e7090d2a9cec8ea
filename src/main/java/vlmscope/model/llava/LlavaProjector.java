package vlmscope.model.llava;

import vlmscope.model.Activation;
import vlmscope.model.Compute;
import ai.djl.ndarray.NDArray;

/** LLaVA's multi-modal projector: linear_1 → activation (exact erf GELU by default) → linear_2. */
final class LlavaProjector {

    private final Compute compute;
    private final Activation act;
    private final NDArray w1, b1; // [d, E], [d]
    private final NDArray w2, b2; // [d, d], [d]

    LlavaProjector(LlavaConfig cfg, ModelWeights w, Compute compute) {
        this.compute = compute;
        this.act = Activation.of(cfg.projectorHiddenAct());
        long e = cfg.vision().hiddenSize();
        long d = cfg.text().hiddenSize();
        w1 = w.projector("linear_1.weight", d, e);
        w2 = w.projector("linear_2.weight", d, d);
        b1 = cfg.projectorBias() ? w.projector("linear_1.bias", d) : null;
        b2 = cfg.projectorBias() ? w.projector("linear_2.bias", d) : null;
    }

    /** [P, E] vision features → [P, d] image-token embeddings. */
    NDArray forward(NDArray features) {
        return compute.linear(compute.activate(act, compute.linear(features, w1, b1)), w2, b2);
    }
}
