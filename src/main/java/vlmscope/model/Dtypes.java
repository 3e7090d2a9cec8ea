package vlmscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import vlmscope.tensor.TorchKernels;

/** Casting float32 values to the precision of a model activation (bf16 through the shared kernel library). */
public final class Dtypes {

    private Dtypes() {
    }

    /** {@code values} (float32) in the dtype of {@code reference}. */
    public static NDArray like(NDArray values, NDArray reference) {
        if (reference.getDataType() == DataType.FLOAT32) return values;
        if (TorchKernels.isBf16(reference)) return TorchKernels.shared().toBf16(values);
        return values.toType(reference.getDataType(), false);
    }
}
