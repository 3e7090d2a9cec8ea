package vlmscope.model;

import ai.djl.ndarray.NDArray;

/** Where a decoder's tensors come from: a family maps the decoder's own names onto its checkpoint layout. */
public interface DecoderWeights {

    /** Decoder tensor by its name inside the language model (e.g. {@code layers.0.mlp.up_proj.weight}), shape-checked. */
    NDArray text(String name, long... shape);

    boolean hasLmHead();

    /** The untied output projection [V, d]. */
    NDArray lmHead(long... shape);
}
