package vlmscope.tensor;

import java.util.Optional;

/**
 * The safetensors element types vlmscope knows, with their size in bytes and their header spelling.
 * Only {@link #F32}, {@link #F16} and {@link #BF16} can be read as floats; the others may be listed and
 * inspected as raw bytes.
 */
public enum DType {
    F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** The spelling in a safetensors header ({@code "F32"}, {@code "BF16"}, ...). */
    public String headerName() {
        return name();
    }

    /** Whether vlmscope reads this dtype as float32 ({@code readFloats}, {@code toNDArray}). */
    public boolean readableAsFloat() {
        return this == F32 || this == F16 || this == BF16;
    }

    /** The dtype a header names, or empty for a spelling vlmscope does not know (e.g. {@code "F8_E4M3"}). */
    public static Optional<DType> fromHeaderName(String headerName) {
        for (DType dtype : values()) {
            if (dtype.headerName().equals(headerName)) return Optional.of(dtype);
        }
        return Optional.empty();
    }
}
