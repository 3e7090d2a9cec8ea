package vlmscope.model;

import ai.djl.ndarray.NDArray;

/** A checkpoint's tensors by name, each checked against the shape the config implies. */
@FunctionalInterface
public interface TensorSource {

    NDArray load(String name, long... shape);
}
