package vlmscope.processing.qwen2vl;

import vlmscope.model.qwen2vl.QwenPixels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vlmscope.VlmscopeException;
import vlmscope.processing.ImageLoader;

/** Qwen2VLImageProcessor against HF's pixel_values and image_grid_thw, plus smart_resize's closed-form cases. */
class Qwen2VLImageProcessorTest {

    static Stream<QwenFixtures.Case> cases() {
        return QwenFixtures.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void pixelValuesEqualHuggingFace(QwenFixtures.Case c) {
        QwenPixels px = Qwen2VLImageProcessor.fromPretrained(c.folder())
                .preprocess(ImageLoader.read(c.folder().resolve(c.expected().get("image").asText())));
        JsonNode e = c.expected().get("pixel_values");
        assertArrayEquals(QwenFixtures.ints(c.expected().get("image_grid_thw")), px.gridThw(), "image_grid_thw");
        assertEquals(e.get("shape").get(0).asInt(), px.numPatches(), "rows");
        assertEquals(e.get("shape").get(1).asInt(), px.rowLength(), "row length");
        int n = px.numPatches();
        int len = px.rowLength();
        float[] v = px.values(); // [N, len]
        double maxErr = 0;
        for (JsonNode s : e.get("samples_row_col_value")) {
            maxErr = Math.max(maxErr, Math.abs(v[s.get(0).asInt() * len + s.get(1).asInt()] - s.get(2).asDouble()));
        }
        assertTrue(maxErr <= 1e-6, "sampled pixel error " + maxErr);
        double[] rowSums = new double[n]; // [N]
        double[] colSums = new double[len]; // [len]
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < len; k++) {
                float x = v[r * len + k];
                rowSums[r] += x;
                colSums[k] += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        assertEquals(e.get("min").asDouble(), min, 1e-7);
        assertEquals(e.get("max").asDouble(), max, 1e-7);
        for (int r = 0; r < n; r++) assertEquals(e.get("row_sums").get(r).asDouble(), rowSums[r], 1e-6 * len, "row " + r);
        for (int k = 0; k < len; k++) assertEquals(e.get("col_sums").get(k).asDouble(), colSums[k], 1e-6 * n, "col " + k);
    }

    @Test
    void smartResizeRoundsHalfToEvenAndRespectsPixelLimits() {
        Qwen2VLImageProcessor p = Qwen2VLImageProcessor.fromPretrained(Path.of("fixtures/qwen2-vl-tiny"));
        assertArrayEquals(new int[] {112, 140}, p.smartResize(100, 150));  // 3.57 -> 4, 5.36 -> 5
        assertArrayEquals(new int[] {56, 56}, p.smartResize(42, 70));      // 1.5 -> 2 and 2.5 -> 2 (Python round)
        assertArrayEquals(new int[] {168, 252}, p.smartResize(300, 400));  // above max_pixels 50176: scaled down
        int[] up = p.smartResize(30, 40);                                   // below min_pixels 3136: scaled up
        assertTrue((long) up[0] * up[1] >= 3136, "scaled up to min_pixels");
    }

    @Test
    void pixelLimitsThatLeaveNoTokenAreRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("preprocessor_config.json"), "{\"min_pixels\": 10, \"max_pixels\": 700}");
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> Qwen2VLImageProcessor.fromPretrained(dir));
        assertTrue(e.getMessage().contains("max_pixels 700") && e.getMessage().contains("Fix: "), e.getMessage());
    }

    @Test
    void anImageTooElongatedForTheLimitsIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("preprocessor_config.json"), "{\"min_pixels\": 784, \"max_pixels\": 1600}");
        Qwen2VLImageProcessor p = Qwen2VLImageProcessor.fromPretrained(dir);
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> p.smartResize(30, 3000));
        assertTrue(e.getMessage().contains("no image token") && e.getMessage().contains("Fix: "), e.getMessage());
    }
}
