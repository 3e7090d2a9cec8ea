package vlmscope.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.VlmscopeException;

/** Every malformed file gives one line naming the file, the problem and a fix. */
class SafetensorsErrorsTest {

    @TempDir
    Path dir;

    private static String assertBadInput(Path file, String problem, Executable action) {
        VlmscopeException e = assertThrows(VlmscopeException.class, action);
        String message = e.getMessage();
        assertTrue(message.startsWith(file + ": "), "names the file: " + message);
        assertTrue(message.contains(problem), "says '" + problem + "': " + message);
        assertTrue(message.contains(". Fix: "), "gives a fix: " + message);
        assertEquals(1, message.lines().count(), "one line: " + message);
        return message;
    }

    private Path valid() {
        Path file = dir.resolve("valid.safetensors");
        new SafetensorsWriter().add("a", new float[] {1f, 2f}, 2).add("b", new float[] {3f, 4f, 5f}, 3).write(file);
        return file;
    }

    @Test
    void truncatedFileCutInsideTheData() throws IOException {
        Path file = valid();
        byte[] whole = Files.readAllBytes(file); // 8 + header + 20 data bytes
        Path cut = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(whole, whole.length - 3));
        String message = assertBadInput(cut, "truncated file", () -> SafetensorsFile.open(cut));
        assertTrue(message.contains("expected at least " + whole.length + " bytes, found " + (whole.length - 3)),
                message);
    }

    @Test
    void truncatedFileShorterThanTheLengthPrefix() throws IOException {
        Path cut = Files.write(dir.resolve("tiny.safetensors"), new byte[] {1, 2, 3, 4, 5});
        assertBadInput(cut, "truncated file: expected at least 8 bytes, found 5", () -> SafetensorsFile.open(cut));
    }

    @Test
    void badHeaderLength() throws IOException {
        byte[] header = "{}".getBytes(StandardCharsets.UTF_8);
        Path huge = RawSafetensors.write(dir.resolve("huge.safetensors"), 1L << 40, header, new byte[0]);
        assertBadInput(huge, "bad header length 1099511627776", () -> SafetensorsFile.open(huge));
        Path pastEnd = RawSafetensors.write(dir.resolve("past-end.safetensors"), 64, header, new byte[0]);
        assertBadInput(pastEnd, "bad header length 64", () -> SafetensorsFile.open(pastEnd));
    }

    @Test
    void headerJsonInvalid() throws IOException {
        String[] headers = {
            "{\"a\": {\"dtype\": \"F32\", ", // not JSON
            "[1, 2]", // not an object
            "{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", // no dtype
            "{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", // no shape
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", // no data_offsets
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", // negative dim
            "{\"__metadata__\":{\"n\":1}}", // metadata value not a string
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}} trailing", // garbage after JSON
        };
        for (int i = 0; i < headers.length; i++) {
            Path file = RawSafetensors.write(dir.resolve("invalid" + i + ".safetensors"), headers[i], new byte[4]);
            assertBadInput(file, "header JSON invalid", () -> SafetensorsFile.open(file));
        }
    }

    @Test
    void offsetsOutOfRange() throws IOException {
        String[] headers = {
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", // 4 bytes for 2 floats
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}}", // end before begin
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                    + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", // overlap
        };
        for (int i = 0; i < headers.length; i++) {
            Path file = RawSafetensors.write(dir.resolve("offsets" + i + ".safetensors"), headers[i], new byte[8]);
            assertBadInput(file, "offsets out of range", () -> SafetensorsFile.open(file));
        }
    }

    @Test
    void missingTensor() {
        Path file = valid();
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertBadInput(file, "missing tensor c", () -> st.info("c"));
            assertBadInput(file, "missing tensor c", () -> st.readFloats("c"));
        }
    }

    @Test
    void dtypeUnsupported() throws IOException {
        for (String dtype : new String[] {"C64", "F8_E4M3"}) {
            Path file = RawSafetensors.write(dir.resolve(dtype + ".safetensors"),
                    "{\"z\":{\"dtype\":\"" + dtype + "\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]);
            assertBadInput(file, "dtype unsupported: tensor z has dtype '" + dtype + "'",
                    () -> SafetensorsFile.open(file));
        }
        Path ints = RawSafetensors.write(dir.resolve("ints.safetensors"),
                "{\"ids\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}", new byte[16]);
        try (SafetensorsFile st = SafetensorsFile.open(ints)) {
            assertEquals(16, st.segment("ids").byteSize(), "listed and readable as bytes");
            assertBadInput(ints, "dtype unsupported: tensor ids is I64", () -> st.readFloats("ids"));
        }
    }

    @Test
    void missingFileIsNamed() {
        Path absent = dir.resolve("absent.safetensors");
        assertBadInput(absent, "no such safetensors file", () -> SafetensorsFile.open(absent));
    }
}
