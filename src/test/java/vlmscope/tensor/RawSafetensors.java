package vlmscope.tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-built safetensors bytes for tests: any header text, any declared length, any data. */
final class RawSafetensors {

    private RawSafetensors() {
    }

    /** Writes {@code 8-byte LE length of header | header | data} to {@code file}. */
    static Path write(Path file, String header, byte[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return write(file, json.length, json, data);
    }

    /** Like {@link #write(Path, String, byte[])} with a declared header length that may lie. */
    static Path write(Path file, long declaredLength, byte[] header, byte[] data) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(declaredLength).put(header).put(data);
        Files.write(file, bytes.array());
        return file;
    }

    /** Little-endian bytes of float16 values made with {@link Float#floatToFloat16}. */
    static byte[] f16(float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) bytes.putShort(Float.floatToFloat16(v));
        return bytes.array();
    }

    /** Little-endian bytes of float32 values. */
    static byte[] f32(float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) bytes.putFloat(v);
        return bytes.array();
    }
}
