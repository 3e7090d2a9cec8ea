package vlmscope.tensor;

import java.util.Arrays;

/**
 * One tensor's entry in a safetensors header.
 *
 * @param name      tensor name as stored
 * @param dtype     element type
 * @param shape     dimensions, outermost first ({@code []} for a scalar)
 * @param dataBegin first byte, relative to the start of the data section
 * @param dataEnd   one past the last byte, relative to the start of the data section
 */
public record TensorInfo(String name, DType dtype, long[] shape, long dataBegin, long dataEnd) {

    public TensorInfo {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements (1 for a scalar). */
    public long numel() {
        return numel(shape);
    }

    /** Bytes the elements occupy: {@code numel() * dtype.byteSize()}. */
    public long byteSize() {
        return Math.multiplyExact(numel(), dtype.byteSize());
    }

    /** Product of the dimensions; throws {@link ArithmeticException} on overflow. */
    static long numel(long[] shape) {
        long n = 1;
        for (long dim : shape) n = Math.multiplyExact(n, dim);
        return n;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorInfo that && name.equals(that.name) && dtype == that.dtype
                && Arrays.equals(shape, that.shape) && dataBegin == that.dataBegin && dataEnd == that.dataEnd;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + dtype.hashCode()) + Arrays.hashCode(shape) + Long.hashCode(dataBegin);
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + Arrays.toString(shape) + " @[" + dataBegin + ", " + dataEnd + ")";
    }
}
