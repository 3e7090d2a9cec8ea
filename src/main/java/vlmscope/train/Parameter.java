package vlmscope.train;

import ai.djl.ndarray.NDArray;

/**
 * One trainable tensor.
 *
 * @param name  its hub name (e.g. {@code language_model.model.layers.0.self_attn.q_proj.weight}), or
 *              {@code dense_head.*} for the vision pre-training head
 * @param value the float32 tensor, gradients enabled
 * @param decay whether AdamW's weight decay applies (matrices yes; norms, biases, embeddings no)
 */
public record Parameter(String name, ParameterGroup group, NDArray value, boolean decay) {

    public long[] shape() {
        return value.getShape().getShape();
    }

    /** Whether this tensor belongs in the HF checkpoint folder. */
    public boolean saved() {
        return group != ParameterGroup.DENSE_HEAD;
    }
}
