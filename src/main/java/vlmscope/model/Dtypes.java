package vlmscope.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import vlmscope.tensor.TorchKernels;

/** Casting float32 values to the precision of a model activation (bf16 needs the kernel library). */
public final class Dtypes {

    private static TorchKernels shared;

    private Dtypes() {
    }

    /** {@code values} (float32) in the dtype of {@code reference}. */
    public static NDArray like(NDArray values, NDArray reference) {
        if (reference.getDataType() == DataType.FLOAT32) return values;
        if (TorchKernels.isBf16(reference)) return kernels().toBf16(values);
        return values.toType(reference.getDataType(), false);
    }

    private static synchronized TorchKernels kernels() {
        if (shared == null) shared = TorchKernels.load(Engine.getEngine("PyTorch").newBaseManager());
        return shared;
    }
}
