package vlmscope.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.net.URISyntaxException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {

    private static final ValueLayout.OfFloat LE_FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static NDManager manager;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEngine() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void stopEngine() {
        manager.close();
    }

    @Test
    void writerFollowsTheSafetensorsLayoutByteForByte() throws IOException {
        Path file = dir.resolve("layout.safetensors");
        new SafetensorsWriter().metadata("format", "pt")
                .add("b", new float[] {1f, -2f}, 2)
                .add("a", new float[] {0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f}, 2, 3)
                .write(file);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = bytes.getLong(0);
        String header = new String(bytes.array(), 8, (int) headerLength, StandardCharsets.UTF_8);
        String expected = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[24,32]}}";
        assertEquals(0, headerLength % 8, "header length padded to a multiple of 8");
        assertEquals(expected, header.stripTrailing());
        assertTrue(header.substring(expected.length()).chars().allMatch(c -> c == ' '), "padding is spaces");
        assertEquals(8 + headerLength + 32, bytes.capacity());
        assertEquals(0.5f, bytes.getFloat((int) (8 + headerLength)), "sorted order: a's data first");
        assertEquals(-2f, bytes.getFloat((int) (8 + headerLength + 28)), "b's last element at the end");
    }

    @Test
    void f32RoundTripKeepsNamesShapesMetadataAndValues() {
        float[] weights = {1f, -0f, Float.MIN_VALUE, 3.4028235e38f, -7.25f, 1e-30f}; // [2, 3]
        float[] scalar = {42f}; // []
        Path file = dir.resolve("f32.safetensors");
        new SafetensorsWriter().metadata("format", "pt").metadata("note", "héllo")
                .add("w", weights, 2, 3).add("s", scalar).write(file);
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertEquals(List.of("s", "w"), List.copyOf(st.names()));
            assertEquals(Map.of("format", "pt", "note", "héllo"), st.metadata());
            TensorInfo w = st.info("w");
            assertEquals(DType.F32, w.dtype());
            assertArrayEquals(new long[] {2, 3}, w.shape());
            assertEquals(6, w.numel());
            assertEquals(24, w.byteSize());
            assertEquals(new TensorInfo("s", DType.F32, new long[0], 0, 4), st.info("s"));
            assertArrayEquals(weights, st.readFloats("w"));
            assertArrayEquals(scalar, st.readFloats("s"));
            try (NDArray array = st.toNDArray("w", manager)) {
                assertEquals(DataType.FLOAT32, array.getDataType());
                assertArrayEquals(new long[] {2, 3}, array.getShape().getShape());
                assertArrayEquals(weights, array.toFloatArray());
            }
        }
    }

    @Test
    void readsAFileWrittenByPythonSafetensors() throws URISyntaxException {
        // safetensors 0.8.0 numpy.save_file: I64 [2] = [1, 2], empty F32 [0, 4], F32 f = arange(6) [3, 2],
        // F16 half = [[0.5, -2, 65504], [6e-8, 1/3, -0]] [2, 3]; metadata {"format": "np"}
        Path file = Path.of(getClass().getResource("written-by-python-safetensors.safetensors").toURI());
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertEquals(List.of("empty", "f", "half", "i"), List.copyOf(st.names()));
            assertEquals(Map.of("format", "np"), st.metadata());
            assertEquals(new TensorInfo("i", DType.I64, new long[] {2}, 0, 16), st.info("i"));
            assertArrayEquals(new long[] {1, 2}, st.segment("i").toArray(
                    ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN)));
            float[] half = {0.5f, -2f, 65504f, 0x1p-24f, 0.333251953125f, -0f}; // numpy's float16 rounding
            assertArrayEquals(half, st.readFloats("half"));
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, st.readFloats("f"));
            try (NDArray f = st.toNDArray("f", manager); NDArray empty = st.toNDArray("empty", manager)) {
                assertArrayEquals(new long[] {3, 2}, f.getShape().getShape());
                assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, f.toFloatArray());
                assertArrayEquals(new long[] {0, 4}, empty.getShape().getShape());
            }
        }
    }

    @Test
    void segmentsDieWithTheFileAndCloseIsIdempotent() {
        Path file = dir.resolve("close.safetensors");
        new SafetensorsWriter().add("v", new float[] {1f}, 1).write(file);
        SafetensorsFile st = SafetensorsFile.open(file);
        var segment = st.segment("v");
        st.close();
        st.close();
        assertThrows(IllegalStateException.class, () -> segment.get(ValueLayout.JAVA_BYTE, 0));
        assertThrows(IllegalStateException.class, () -> st.toNDArray("v", manager));
    }

    @Test
    void writerAcceptsAFloat32NdArray() {
        Path file = dir.resolve("nd.safetensors");
        try (NDArray source = manager.arange(12f).reshape(3, 4)) { // [3, 4]
            new SafetensorsWriter().add("x", source).write(file);
        }
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertArrayEquals(new long[] {3, 4}, st.info("x").shape());
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, st.readFloats("x"));
        }
    }

    @Test
    void bf16RoundTripRoundsToNearestEven() {
        float ulp = 0x1p-7f; // bf16 spacing in [1, 2)
        float[] values = {
            1f, -2.5f, 0.15625f, // exact in bf16
            1f + ulp / 2, // tie between 1 (even) and 1 + ulp (odd) -> 1
            1f + 3 * ulp / 2, // tie between 1 + ulp (odd) and 1 + 2 ulp (even) -> 1 + 2 ulp
            1f + ulp / 2 + 0x1p-20f, // just above the tie -> 1 + ulp
            3.4028235e38f, // rounds past the largest bf16 -> +inf
            Float.NaN, Float.NEGATIVE_INFINITY}; // [9]
        float[] expected = {1f, -2.5f, 0.15625f, 1f, 1f + 2 * ulp, 1f + ulp, Float.POSITIVE_INFINITY, Float.NaN,
            Float.NEGATIVE_INFINITY};
        Path file = dir.resolve("bf16.safetensors");
        new SafetensorsWriter().addBf16("h", values, 3, 3).write(file);
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertEquals(DType.BF16, st.info("h").dtype());
            assertEquals(18, st.info("h").byteSize());
            assertArrayEquals(expected, st.readFloats("h"));
            try (NDArray array = st.toNDArray("h", manager)) {
                assertArrayEquals(new long[] {3, 3}, array.getShape().getShape());
                assertArrayEquals(expected, array.toFloatArray());
            }
        }
    }

    @Test
    void f16WrittenByHandReadsBackExactly() throws IOException {
        float[] values = {0.5f, -2f, 65504f, 0x1p-24f, -0f, 1.5f}; // [3, 2], all exact in f16 (2^-24: subnormal)
        Path file = RawSafetensors.write(dir.resolve("f16.safetensors"),
                "{\"half\":{\"dtype\":\"F16\",\"shape\":[3,2],\"data_offsets\":[0,12]}}", RawSafetensors.f16(values));
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertArrayEquals(values, st.readFloats("half"));
            try (NDArray array = st.toNDArray("half", manager)) {
                assertEquals(DataType.FLOAT32, array.getDataType());
                assertArrayEquals(new long[] {3, 2}, array.getShape().getShape());
                assertArrayEquals(values, array.toFloatArray());
            }
        }
    }

    @Test
    void f32ArraysShareTheCopyOnWriteMappingAndNeverTouchTheFile() throws IOException {
        Path file = dir.resolve("zero-copy.safetensors");
        new SafetensorsWriter().add("first", new float[] {9f}, 1).add("second", new float[] {1f, 2f, 3f, 4f}, 2, 2)
                .write(file);
        byte[] before = Files.readAllBytes(file);
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            try (NDArray array = st.toNDArray("second", manager)) { // [2, 2], backed by the mapping
                array.addi(10f);
                float[] throughMapping = st.segment("second").toArray(LE_FLOAT);
                assertArrayEquals(new float[] {11f, 12f, 13f, 14f}, throughMapping, "in-place op visible in mapping");
            }
            try (NDArray again = st.toNDArray("second", manager)) {
                assertArrayEquals(new float[] {11f, 12f, 13f, 14f}, again.toFloatArray(), "same memory again");
            }
            assertArrayEquals(new float[] {9f}, st.readFloats("first"), "neighbour untouched");
        }
        assertArrayEquals(before, Files.readAllBytes(file), "copy-on-write: the file is unchanged");
    }

    @Test
    void readOnlyMappingHandsOutCopies() {
        Path file = dir.resolve("read-only.safetensors");
        new SafetensorsWriter().add("v", new float[] {1f, 2f, 3f}, 3).write(file);
        try (SafetensorsFile st = SafetensorsFile.openReadOnly(file);
                NDArray array = st.toNDArray("v", manager)) {
            array.addi(1f); // would SIGSEGV on a read-only mapping without the copy
            assertArrayEquals(new float[] {2f, 3f, 4f}, array.toFloatArray());
            assertArrayEquals(new float[] {1f, 2f, 3f}, st.readFloats("v"));
        }
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("out/vectors.safetensors");
        new SafetensorsWriter().add("old", new float[] {1f}, 1).write(file);
        new SafetensorsWriter().add("new", new float[] {2f}, 1).write(file);
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertEquals(List.of("new"), List.copyOf(st.names()));
            assertTrue(st.metadata().isEmpty());
        }
        assertTrue(!new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("__metadata__"),
                "no __metadata__ entry without metadata");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }
}
