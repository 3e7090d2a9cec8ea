package vlmscope.model.qwen2vl;

import ai.djl.ndarray.NDArray;

/** Sees (and may replace) each decoder layer's output {@code [t, d]} for positions p0 .. p0 + t - 1. */
public interface DecoderVisitor {

    DecoderVisitor NONE = (layer, x, p0) -> x;

    NDArray layerOutput(int layer, NDArray x, int p0);
}
