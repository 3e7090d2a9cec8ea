package vlmscope.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import vlmscope.Json;
import vlmscope.verify.FixtureVerifier;

/**
 * {@code pixel_values} parity with Hugging Face: for every fixture folder under the default fixture roots (the
 * repository's {@code fixtures/} and the extra sources of {@link vlmscope.verify.FixtureVerifier#defaultRoots()}) and every case in its {@code expected/index.json}, the case's image is
 * preprocessed with that folder's {@code preprocessor_config.json} and compared with the golden statistics and
 * samples computed by transformers v4.45.2 + Pillow. A new fixture folder needs no code change.
 */
class ClipImageProcessorFixtureTest {

    private static final ObjectMapper JSON = Json.MAPPER;
    /** Tolerance per summed element for sums of float32 values (summation order differs from numpy's). */
    private static final double SUM_TOLERANCE_PER_ELEMENT = 1e-6;

    @TestFactory
    Stream<DynamicTest> pixelValuesMatchHuggingFace() throws IOException {
        List<Path> folders = fixtureFolders();
        Assumptions.assumeFalse(folders.isEmpty(), "no fixture folders under fixtures/ or $VLMSCOPE_FIXTURES");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path folder : folders) {
            JsonNode index = JSON.readTree(folder.resolve("expected/index.json").toFile());
            double abs = index.path("tolerances").path("pixel_values_abs").asDouble(1e-6);
            for (JsonNode name : index.get("cases")) {
                Path caseFile = folder.resolve("expected").resolve(name.asText() + ".json");
                tests.add(DynamicTest.dynamicTest(folder.getFileName() + "/" + name.asText(),
                        () -> checkCase(folder, caseFile, abs)));
            }
        }
        return tests.stream();
    }

    private static List<Path> fixtureFolders() {
        return FixtureVerifier.discover(FixtureVerifier.defaultRoots(), "llava").stream()
                .filter(d -> Files.isRegularFile(d.resolve("preprocessor_config.json")))
                .toList();
    }

    private static void checkCase(Path folder, Path caseFile, double abs) throws IOException {
        JsonNode expectedCase = JSON.readTree(caseFile.toFile());
        JsonNode expected = expectedCase.get("pixel_values");
        ClipImageProcessor processor = ClipImageProcessor.fromPretrained(folder);
        float[] pixels = processor.preprocess(ImageLoader.read(folder.resolve(expectedCase.get("image").asText())));
        int height = processor.cropHeight();
        int width = processor.cropWidth(); // pixels: [3, height, width] CHW

        JsonNode shape = expected.get("shape");
        assertEquals(List.of(1, 3, height, width),
                List.of(shape.get(0).asInt(), shape.get(1).asInt(), shape.get(2).asInt(), shape.get(3).asInt()),
                "shape");
        assertEquals(3 * height * width, pixels.length);

        for (int c = 0; c < 3; c++) {
            double sum = 0;
            double sumSq = 0;
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            double[] rowSums = new double[height]; // [H]
            double[] colSums = new double[width]; // [W]
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float v = pixels[(c * height + y) * width + x];
                    sum += v;
                    sumSq += (double) v * v;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    rowSums[y] += v;
                    colSums[x] += v;
                }
            }
            String where = "channel " + c;
            int count = height * width;
            assertEquals(expected.get("channel_sum").get(c).asDouble(), sum, SUM_TOLERANCE_PER_ELEMENT * count,
                    where + " sum");
            assertEquals(expected.get("channel_sum_sq").get(c).asDouble(), sumSq, SUM_TOLERANCE_PER_ELEMENT * count,
                    where + " sum of squares");
            assertEquals(expected.get("channel_min").get(c).asDouble(), min, abs, where + " min");
            assertEquals(expected.get("channel_max").get(c).asDouble(), max, abs, where + " max");
            JsonNode expectedRows = expected.get("row_sums").get(c);
            assertEquals(height, expectedRows.size(), where + " row count");
            for (int y = 0; y < height; y++) {
                assertEquals(expectedRows.get(y).asDouble(), rowSums[y], SUM_TOLERANCE_PER_ELEMENT * width,
                        where + " row " + y + " sum");
            }
            JsonNode expectedCols = expected.get("col_sums").get(c);
            assertEquals(width, expectedCols.size(), where + " column count");
            for (int x = 0; x < width; x++) {
                assertEquals(expectedCols.get(x).asDouble(), colSums[x], SUM_TOLERANCE_PER_ELEMENT * height,
                        where + " column " + x + " sum");
            }
        }
        JsonNode samples = expected.get("samples_c_y_x_value");
        assertTrue(samples.size() > 0, "case has pixel samples");
        for (JsonNode s : samples) {
            int c = s.get(0).asInt();
            int y = s.get(1).asInt();
            int x = s.get(2).asInt();
            assertEquals(s.get(3).asDouble(), pixels[(c * height + y) * width + x], abs,
                    "pixel [c=" + c + ", y=" + y + ", x=" + x + "]");
        }
    }
}
