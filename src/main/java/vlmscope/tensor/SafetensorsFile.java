package vlmscope.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import vlmscope.VlmscopeException;

/**
 * One safetensors file, memory-mapped once as a whole (no {@code byte[]} copy, no 2 GiB limit on the file).
 *
 * <p>The file is mapped copy-on-write ({@link FileChannel.MapMode#PRIVATE}) when it can be opened for writing, so
 * F32 tensors are handed to DJL without a copy and in-place ops on them change private pages only, never the file.
 * Where the file cannot be opened for writing (permissions, read-only file system) it is mapped read-only and
 * {@link #toNDArray} copies, because DJL SIGSEGVs on in-place ops over read-only memory.
 *
 * <p>Arrays and segments handed out read the mapping: <b>do not use them after {@link #close()}</b> (segments then
 * throw; NDArrays would read unmapped memory). Close the arrays before the file, or copy them ({@code duplicate()}).
 */
public final class SafetensorsFile implements AutoCloseable {

    private static final ValueLayout.OfShort LE_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat LE_FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Elements widened per step when F16/BF16 goes into a DJL buffer. */
    private static final int WIDEN_CHUNK = 1 << 16;

    private final Path path;
    private final Arena arena;
    private final MemorySegment bytes;
    private final boolean copyOnWrite;
    private final SafetensorsHeader header;

    private SafetensorsFile(Path path, Arena arena, MemorySegment bytes, boolean copyOnWrite,
            SafetensorsHeader header) {
        this.path = path;
        this.arena = arena;
        this.bytes = bytes;
        this.copyOnWrite = copyOnWrite;
        this.header = header;
    }

    /** Maps and validates {@code file}; bad content raises a {@link VlmscopeException} naming the file. */
    public static SafetensorsFile open(Path file) {
        FileChannel channel;
        boolean copyOnWrite = true;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException | UnsupportedOperationException | SecurityException notWritable) {
            copyOnWrite = false;
            channel = readChannel(file);
        }
        return map(file, channel, copyOnWrite);
    }

    /** Like {@link #open(Path)} for a file that cannot be written: mapped read-only, {@link #toNDArray} copies. */
    static SafetensorsFile openReadOnly(Path file) {
        return map(file, readChannel(file), false);
    }

    private static FileChannel readChannel(Path file) {
        if (!Files.isRegularFile(file)) {
            throw VlmscopeException.badInput(file, "no such safetensors file", "check the path");
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw VlmscopeException.badInput(file, "cannot read the file (" + e + ")",
                    "check the file permissions", e);
        }
    }

    private static SafetensorsFile map(Path file, FileChannel channel, boolean copyOnWrite) {
        Arena arena = Arena.ofShared();
        try (channel) {
            FileChannel.MapMode mode = copyOnWrite ? FileChannel.MapMode.PRIVATE : FileChannel.MapMode.READ_ONLY;
            MemorySegment bytes = channel.map(mode, 0, channel.size(), arena);
            return new SafetensorsFile(file, arena, bytes, copyOnWrite, SafetensorsHeader.parse(file, bytes));
        } catch (IOException e) {
            arena.close();
            throw VlmscopeException.badInput(file, "cannot map the file (" + e + ")", "check the file is readable",
                    e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** The file this was opened from. */
    public Path path() {
        return path;
    }

    /** Tensor names, sorted. */
    public Set<String> names() {
        return header.tensors().keySet();
    }

    /** Whether the file holds {@code name}. */
    public boolean contains(String name) {
        return header.tensors().containsKey(name);
    }

    /** The header entry of {@code name}; a missing name raises "missing tensor NAME" naming the file. */
    public TensorInfo info(String name) {
        TensorInfo info = header.tensors().get(name);
        if (info == null) {
            throw VlmscopeException.badInput(path, "missing tensor " + name + " (the file has "
                    + header.tensors().size() + " tensors)", "check the tensor name against the file's names()");
        }
        return info;
    }

    /** The {@code __metadata__} strings (empty if the header has none). */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /** The raw little-endian bytes of {@code name}, read-only; valid until {@link #close()}. */
    public MemorySegment segment(String name) {
        return rawSegment(info(name)).asReadOnly();
    }

    /** The elements of an F32, F16 or BF16 tensor as floats, flattened row-major. */
    public float[] readFloats(String name) {
        TensorInfo info = requireFloat(name);
        int count = javaArrayLength(info);
        MemorySegment raw = rawSegment(info);
        float[] values = new float[count]; // [numel] row-major
        if (info.dtype() == DType.F32) {
            MemorySegment.copy(raw, LE_FLOAT, 0, values, 0, count);
        } else {
            widen(raw, info.dtype(), values, count);
        }
        return values;
    }

    /**
     * {@code name} as a FLOAT32 NDArray of the stored shape. F32 is zero-copy over the mapping (when mapped
     * copy-on-write); F16 and BF16 are widened into a new direct buffer. Do not use the array after {@link #close()}.
     */
    public NDArray toNDArray(String name, NDManager manager) {
        TensorInfo info = requireFloat(name);
        Shape shape = new Shape(info.shape());
        if (info.numel() == 0) return manager.zeros(shape, DataType.FLOAT32);
        long fp32Bytes = Math.multiplyExact(info.numel(), (long) Float.BYTES);
        if (fp32Bytes > Integer.MAX_VALUE) {
            throw VlmscopeException.badInput(path, "tensor " + name + " " + Arrays.toString(info.shape())
                    + " needs " + fp32Bytes + " bytes as float32, more than one DJL buffer holds (2 GiB)",
                    "load it in bf16 through the TorchScript route or split it");
        }
        MemorySegment raw = rawSegment(info);
        if (info.dtype() == DType.F32 && copyOnWrite) {
            // DJL reads the buffer's base address and mutates its limit: hand it a fresh slice starting at the tensor.
            return manager.create(raw.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN), shape, DataType.FLOAT32);
        }
        ByteBuffer fp32 = ByteBuffer.allocateDirect((int) fp32Bytes).order(ByteOrder.nativeOrder()); // [numel]
        MemorySegment target = MemorySegment.ofBuffer(fp32);
        if (info.dtype() == DType.F32) {
            MemorySegment.copy(raw, LE_FLOAT, 0, target, ValueLayout.JAVA_FLOAT, 0, info.numel());
        } else {
            float[] chunk = new float[(int) Math.min(WIDEN_CHUNK, info.numel())]; // [<= WIDEN_CHUNK]
            int elementBytes = info.dtype().byteSize();
            for (long from = 0; from < info.numel(); from += chunk.length) {
                int count = (int) Math.min(chunk.length, info.numel() - from);
                widen(raw.asSlice(from * elementBytes, (long) count * elementBytes), info.dtype(), chunk, count);
                MemorySegment.copy(chunk, 0, target, ValueLayout.JAVA_FLOAT, from * Float.BYTES, count);
            }
        }
        return manager.create(fp32, shape, DataType.FLOAT32);
    }

    /**
     * A 16-bit tensor (F16 or BF16) as a FLOAT16-typed NDArray holding its raw bits, zero-copy over the mapping
     * (copied when the file could only be mapped read-only). For BF16, {@link TorchKernels#bf16FromBits} turns it into
     * a bf16 tensor without a copy — the way to load bf16 checkpoints (DJL itself cannot create bf16 arrays).
     */
    public NDArray toNDArrayBits16(String name, NDManager manager) {
        TensorInfo info = info(name);
        if (info.dtype() != DType.F16 && info.dtype() != DType.BF16) {
            throw new IllegalArgumentException(name + " is " + info.dtype() + ", not a 16-bit float tensor");
        }
        Shape shape = new Shape(info.shape());
        MemorySegment raw = rawSegment(info);
        if (copyOnWrite) return manager.create(raw.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN), shape, DataType.FLOAT16);
        ByteBuffer copy = ByteBuffer.allocateDirect((int) raw.byteSize()).order(ByteOrder.LITTLE_ENDIAN); // [numel * 2]
        MemorySegment.copy(raw, 0, MemorySegment.ofBuffer(copy), 0, raw.byteSize());
        return manager.create(copy, shape, DataType.FLOAT16);
    }

    /**
     * Drops {@code name}'s pages from physical memory (they are re-read from the file if touched again). Call it once
     * a tensor has been copied, so loading a model with copied weights does not hold the file's pages as well.
     */
    public void release(String name) {
        MemorySegment raw = rawSegment(info(name));
        if (raw.isMapped()) raw.unload();
    }

    /** Unmaps the file; later calls do nothing. Arrays and segments obtained from it must not be used afterwards. */
    @Override
    public synchronized void close() {
        if (arena.scope().isAlive()) arena.close();
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + path + ", " + header.tensors().size() + " tensors]";
    }

    /** The tensor's bytes; throws once the file is closed (DJL would otherwise read unmapped memory). */
    private MemorySegment rawSegment(TensorInfo info) {
        if (!arena.scope().isAlive()) throw new IllegalStateException(path + " is already closed");
        return bytes.asSlice(header.dataStart() + info.dataBegin(), info.dataEnd() - info.dataBegin());
    }

    private TensorInfo requireFloat(String name) {
        TensorInfo info = info(name);
        if (!info.dtype().readableAsFloat()) {
            throw VlmscopeException.badInput(path, "dtype unsupported: tensor " + name + " is " + info.dtype()
                    + "; only F32, F16 and BF16 are read as floats",
                    "convert the tensor to F32, F16 or BF16 (other dtypes are readable only as raw bytes)");
        }
        return info;
    }

    private int javaArrayLength(TensorInfo info) {
        if (info.numel() > Integer.MAX_VALUE - 8) {
            throw VlmscopeException.badInput(path, "tensor " + info.name() + " has " + info.numel()
                    + " elements, more than a Java array holds", "use toNDArray(name, manager) instead");
        }
        return (int) info.numel();
    }

    /** Widens {@code count} little-endian F16/BF16 values at the start of {@code halves} into {@code out}. */
    private static void widen(MemorySegment halves, DType dtype, float[] out, int count) {
        short[] bits = new short[count]; // [count] raw F16/BF16 bit patterns
        MemorySegment.copy(halves, LE_SHORT, 0, bits, 0, count);
        if (dtype == DType.BF16) {
            for (int i = 0; i < count; i++) out[i] = Float.intBitsToFloat(bits[i] << 16);
        } else {
            for (int i = 0; i < count; i++) out[i] = Float.float16ToFloat(bits[i]);
        }
    }
}
