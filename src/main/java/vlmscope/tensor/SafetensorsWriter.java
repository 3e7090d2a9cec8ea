package vlmscope.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects tensors and writes one safetensors file that Python's {@code safetensors} loads as is: header
 * {@code {"__metadata__": {...}, "name": {"dtype", "shape", "data_offsets"}}}, tensors in sorted-name order,
 * header padded with spaces to a multiple of 8, little-endian data. The file appears atomically (temp file in the
 * same folder, then a move), never half-written.
 */
public final class SafetensorsWriter {

    private static final int WRITE_CHUNK_BYTES = 1 << 20;

    /** One tensor to write: F32 values, BF16 bit patterns, or values generated while writing. */
    private record Pending(DType dtype, long[] shape, float[] f32, short[] bf16, ValueSource source) {
        long length() {
            return source != null ? TensorInfo.numel(shape) : dtype == DType.F32 ? f32.length : bf16.length;
        }

        long byteSize() {
            return length() * dtype.byteSize();
        }
    }

    /** Values produced on the fly, element by element in row-major order (for files too large to hold in memory). */
    @FunctionalInterface
    public interface ValueSource {
        float value(long index);
    }

    private final Map<String, String> metadata = new TreeMap<>();
    private final Map<String, Pending> tensors = new TreeMap<>();

    /** Adds a {@code __metadata__} entry (written only if at least one is given). */
    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Adds an F32 tensor; {@code data} is copied and must hold exactly the elements of {@code shape}. */
    public SafetensorsWriter add(String name, float[] data, long... shape) {
        checkNew(name, data.length, shape);
        tensors.put(name, new Pending(DType.F32, shape.clone(), data.clone(), null, null));
        return this;
    }

    /** Adds a FLOAT32 NDArray as an F32 tensor of its shape (its values are copied now). */
    public SafetensorsWriter add(String name, NDArray floatArray) {
        if (floatArray.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(name + ": expected a FLOAT32 array, got " + floatArray.getDataType());
        }
        long[] shape = floatArray.getShape().getShape();
        float[] data = floatArray.toFloatArray();
        checkNew(name, data.length, shape);
        tensors.put(name, new Pending(DType.F32, shape.clone(), data, null, null));
        return this;
    }

    /** Adds a tensor stored as BF16, rounding each value to nearest-even (NaN stays NaN). */
    public SafetensorsWriter addBf16(String name, float[] data, long... shape) {
        checkNew(name, data.length, shape);
        short[] bits = new short[data.length];
        for (int i = 0; i < data.length; i++) bits[i] = toBf16(data[i]);
        tensors.put(name, new Pending(DType.BF16, shape.clone(), null, bits, null));
        return this;
    }

    /**
     * Adds an F32 or BF16 tensor whose values are generated during {@link #write} (nothing is held in memory);
     * {@code source} is called once per element, in order.
     */
    public SafetensorsWriter addGenerated(String name, DType dtype, ValueSource source, long... shape) {
        if (dtype != DType.F32 && dtype != DType.BF16) throw new IllegalArgumentException("F32 or BF16 only, got " + dtype);
        if (tensors.containsKey(name)) throw new IllegalArgumentException("tensor " + name + " added twice");
        if (Arrays.stream(shape).anyMatch(d -> d < 0)) throw new IllegalArgumentException("negative shape for " + name);
        tensors.put(name, new Pending(dtype, shape.clone(), null, null, source));
        return this;
    }

    /** bf16 bits of {@code value}, rounded to nearest, ties to even. */
    static short toBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) return (short) ((bits >>> 16) | 0x0040);
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }

    /** Writes the file atomically, creating its folder if needed; replaces an existing file. */
    public void write(Path out) {
        Path target = out.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            Path unique = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
                    + "." + System.nanoTime() + ".tmp");
            FileChannel channel = FileChannel.open(unique, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            tmp = unique;
            try (channel) {
                writeTo(channel);
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    private void writeTo(FileChannel channel) throws IOException {
        byte[] header = headerJson();
        ByteBuffer chunk = ByteBuffer.allocate(WRITE_CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        chunk.putLong(header.length);
        for (int done = 0; done < header.length; ) {
            flushIfFull(channel, chunk, 1);
            int n = Math.min(chunk.remaining(), header.length - done);
            chunk.put(header, done, n);
            done += n;
        }
        for (Pending tensor : tensors.values()) {
            if (tensor.source() != null) {
                writeGenerated(channel, chunk, tensor);
                continue;
            }
            int length = tensor.dtype() == DType.F32 ? tensor.f32().length : tensor.bf16().length;
            int elementBytes = tensor.dtype().byteSize();
            for (int done = 0; done < length; ) {
                flushIfFull(channel, chunk, elementBytes);
                int n = Math.min(chunk.remaining() / elementBytes, length - done);
                if (tensor.dtype() == DType.F32) {
                    chunk.asFloatBuffer().put(tensor.f32(), done, n);
                } else {
                    chunk.asShortBuffer().put(tensor.bf16(), done, n);
                }
                chunk.position(chunk.position() + n * elementBytes);
                done += n;
            }
        }
        drain(channel, chunk);
    }

    private static void writeGenerated(FileChannel channel, ByteBuffer chunk, Pending tensor) throws IOException {
        long length = tensor.length();
        boolean f32 = tensor.dtype() == DType.F32;
        for (long i = 0; i < length; i++) {
            flushIfFull(channel, chunk, tensor.dtype().byteSize());
            float v = tensor.source().value(i);
            if (f32) chunk.putFloat(v);
            else chunk.putShort(toBf16(v));
        }
    }

    /** The header JSON, space-padded so that the data section starts at a multiple of 8. */
    private byte[] headerJson() {
        ObjectMapper json = Json.MAPPER;
        ObjectNode root = json.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafetensorsHeader.METADATA_KEY);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Pending> entry : tensors.entrySet()) {
            Pending tensor = entry.getValue();
            ObjectNode node = root.putObject(entry.getKey());
            node.put("dtype", tensor.dtype().headerName());
            Arrays.stream(tensor.shape()).forEach(node.putArray("shape")::add);
            node.putArray("data_offsets").add(offset).add(offset + tensor.byteSize());
            offset += tensor.byteSize();
        }
        byte[] text = root.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (text.length + 7) / 8 * 8;
        byte[] header = Arrays.copyOf(text, padded);
        Arrays.fill(header, text.length, padded, (byte) ' ');
        return header;
    }

    private void checkNew(String name, int elements, long[] shape) {
        if (name.isEmpty() || name.equals(SafetensorsHeader.METADATA_KEY)) {
            throw new IllegalArgumentException("invalid tensor name '" + name + "'");
        }
        if (tensors.containsKey(name)) throw new IllegalArgumentException("tensor " + name + " added twice");
        if (Arrays.stream(shape).anyMatch(d -> d < 0) || TensorInfo.numel(shape) != elements) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape) + " does not"
                    + " hold " + elements + " values");
        }
    }

    private static void flushIfFull(FileChannel channel, ByteBuffer chunk, int needed) throws IOException {
        if (chunk.remaining() < needed) drain(channel, chunk);
    }

    private static void drain(FileChannel channel, ByteBuffer chunk) throws IOException {
        chunk.flip();
        while (chunk.hasRemaining()) channel.write(chunk);
        chunk.clear();
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) return;
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // the original failure is the one worth reporting
        }
    }
}
