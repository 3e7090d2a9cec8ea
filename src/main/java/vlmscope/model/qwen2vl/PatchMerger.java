package vlmscope.model.qwen2vl;

import vlmscope.model.Compute;
import vlmscope.model.Activation;

import ai.djl.ndarray.NDArray;

/**
 * HF {@code PatchMerger} / {@code Qwen2_5_VLPatchMerger}: norm each ViT row (LayerNorm for Qwen2-VL, RMSNorm for
 * Qwen2.5-VL, eps 1e-6), concatenate each merge window's merge² consecutive rows, then Linear → GELU → Linear to
 * the decoder width.
 */
final class PatchMerger {

    private static final float EPS = 1e-6f;
    private final boolean rmsNorm;
    private final Compute compute;
    private final int unit;
    private final NDArray lnW, lnB;   // [E], [E] or null
    private final NDArray w0, b0;     // [E*m², E*m²], [E*m²]
    private final NDArray w2, b2;     // [d, E*m²], [d]

    PatchMerger(QwenVisionConfig cfg, boolean rmsNorm, QwenWeights w) {
        this.rmsNorm = rmsNorm;
        this.compute = w.compute();
        this.unit = cfg.mergeSize() * cfg.mergeSize();
        long e = cfg.width();
        long merged = e * unit;
        lnW = w.load("visual.merger.ln_q.weight", e);
        lnB = rmsNorm ? null : w.load("visual.merger.ln_q.bias", e);
        w0 = w.load("visual.merger.mlp.0.weight", merged, merged);
        b0 = w.load("visual.merger.mlp.0.bias", merged);
        w2 = w.load("visual.merger.mlp.2.weight", cfg.outWidth(), merged);
        b2 = w.load("visual.merger.mlp.2.bias", cfg.outWidth());
    }

    /** [N, E] rows (merge windows consecutive) → [N / m², d] decoder-width image tokens. */
    NDArray forward(NDArray rows) {
        long n = rows.getShape().get(0);
        long e = rows.getShape().get(1);
        NDArray normed = rmsNorm ? compute.rmsNorm(rows, lnW, EPS) : compute.layerNorm(rows, lnW, lnB, EPS); // [N, E]
        NDArray grouped = normed.reshape(n / unit, e * unit);                                                 // [N/m², E*m²]
        return compute.linear(compute.activate(Activation.GELU, compute.linear(grouped, w0, b0)), w2, b2);                       // [N/m², d]
    }
}
