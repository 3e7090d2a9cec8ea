package vlmscope.hooks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Casting user-supplied float32 values to an activation's precision. */
final class Precisions {

    private Precisions() {
    }

    /** {@code values} (float32) in the dtype of {@code reference}. */
    static NDArray like(NDArray values, NDArray reference) {
        if (reference.getDataType() == DataType.FLOAT32) return values;
        throw new IllegalStateException("unsupported activation dtype " + reference.getDataType());
    }
}
