package vlmscope.model.qwen2vl;

import vlmscope.model.Compute;
import vlmscope.model.Computes;
import vlmscope.model.PositionIds;
import vlmscope.model.Precision;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vlmscope.VlmscopeException;
import vlmscope.processing.qwen2vl.QwenFixtures;

/** get_rope_index against HF's 3 × T ids, and M-RoPE against closed forms. */
class RopeIndexTest {

    private static final Compute FP32 = Computes.create(Precision.FP32);

    static Stream<QwenFixtures.Case> cases() {
        return QwenFixtures.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void promptPositionsEqualHuggingFace(QwenFixtures.Case c) {
        Qwen2VLConfig cfg = Qwen2VLConfig.fromPretrained(c.folder());
        JsonNode e = c.expected();
        MropePositions p = new RopeIndex(cfg).compute(QwenFixtures.ints(e.get("input_ids")),
                List.of(RopeIndex.Grid.of(QwenFixtures.ints(e.get("image_grid_thw")))), List.of(), null);
        for (int r = 0; r < 3; r++) assertArrayEquals(QwenFixtures.ints(e.get("position_ids").get(r)), p.rows()[r], "row " + r);
        assertEquals(e.get("rope_delta").asInt(), p.delta());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureFolders")
    void handBuiltSequencesEqualHuggingFace(Path folder) {
        Qwen2VLConfig cfg = Qwen2VLConfig.fromPretrained(folder);
        for (JsonNode c : QwenFixtures.read(folder.resolve("expected/rope_index.json")).get("cases")) {
            double[] seconds = c.has("second_per_grid_ts")
                    ? new double[] {c.get("second_per_grid_ts").get(0).asDouble()} : null;
            MropePositions p = new RopeIndex(cfg).compute(QwenFixtures.ints(c.get("input_ids")), grids(c.get("image_grid_thw")),
                    grids(c.get("video_grid_thw")), seconds);
            for (int r = 0; r < 3; r++) {
                assertArrayEquals(QwenFixtures.ints(c.get("position_ids").get(r)), p.rows()[r], c.get("name") + " row " + r);
            }
            assertEquals(c.get("rope_delta").asInt(), p.delta(), c.get("name").asText());
        }
    }

    static Stream<Path> fixtureFolders() {
        return QwenFixtures.FOLDERS.stream();
    }

    private static List<RopeIndex.Grid> grids(JsonNode rows) {
        List<RopeIndex.Grid> out = new ArrayList<>();
        if (rows != null) for (JsonNode r : rows) out.add(RopeIndex.Grid.of(QwenFixtures.ints(r)));
        return out;
    }

    @Test
    void equalRowsReduceToOneDimensionalRope() {
        Qwen2VLConfig cfg = Qwen2VLConfig.fromPretrained(QwenFixtures.FOLDERS.get(1));
        int dh = cfg.text().headDim();
        int t = 40;
        try (NDManager m = NDManager.newBaseManager()) {
            float[][] tables = {new MRope(cfg.text(), FP32, m).tables(new PositionIds(0, MropePositions.text(t).rows()), m)[0].toFloatArray(),
                    new MRope(cfg.text(), FP32, m).tables(new PositionIds(0, MropePositions.text(t).rows()), m)[1].toFloatArray()}; // [t, Dh] x2
            double maxErr = 0;
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < dh; j++) {
                    double invFreq = 1 / Math.pow(cfg.text().ropeTheta(), (double) (2 * (j % (dh / 2))) / dh);
                    maxErr = Math.max(maxErr, Math.abs(tables[0][i * dh + j] - Math.cos(i * invFreq)));
                    maxErr = Math.max(maxErr, Math.abs(tables[1][i * dh + j] - Math.sin(i * invFreq)));
                }
            }
            assertTrue(maxErr < 2e-5, "1-D RoPE error " + maxErr);
        }
    }

    @Test
    void eachPositionRowRotatesOnlyItsSection() {
        Qwen2VLConfig cfg = Qwen2VLConfig.fromPretrained(QwenFixtures.FOLDERS.get(0)); // mrope_section [2, 1, 1]
        int dh = cfg.text().headDim();
        int[] section = cfg.text().mropeSection();
        try (NDManager m = NDManager.newBaseManager()) {
            MRope rope = new MRope(cfg.text(), FP32, m);
            float[] base = rope.tables(new PositionIds(0, new int[][] {{5}, {5}, {5}}), m)[0].toFloatArray();   // [Dh]
            for (int row = 0; row < 3; row++) {
                int[][] pos = {{5}, {5}, {5}};
                pos[row][0] = 9;
                float[] moved = rope.tables(new PositionIds(0, pos), m)[0].toFloatArray();
                int lo = row == 0 ? 0 : row == 1 ? section[0] : section[0] + section[1];
                int hi = lo + section[row];
                for (int j = 0; j < dh; j++) {
                    boolean inSection = j % (dh / 2) >= lo && j % (dh / 2) < hi;
                    assertEquals(!inSection, moved[j] == base[j], "row " + row + " dim " + j);
                }
            }
        }
    }

    @Test
    void aGridThatDoesNotDivideByTheMergeSizeIsRefused() {
        Qwen2VLConfig cfg = Qwen2VLConfig.fromPretrained(QwenFixtures.FOLDERS.get(0));
        int[] ids = {1, cfg.visionStartTokenId(), cfg.imageTokenId(), cfg.imageTokenId(), cfg.imageTokenId(), 2};
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> new RopeIndex(cfg).compute(ids,
                List.of(new RopeIndex.Grid(1, 3, 4)), List.of(), null));
        assertTrue(e.getMessage().contains("does not divide by the spatial merge size 2") && e.getMessage().contains("Fix: "),
                e.getMessage());
    }

    @Test
    void aPromptWithoutAnImagePlaceholderIsRefusedWhenAnImageIsGiven() {
        Qwen2VLConfig cfg = Qwen2VLConfig.fromPretrained(QwenFixtures.FOLDERS.get(0));
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> new RopeIndex(cfg).compute(new int[] {1, 2, 3},
                List.of(new RopeIndex.Grid(1, 2, 2)), List.of(), null));
        assertTrue(e.getMessage().contains("0 image") && e.getMessage().contains("Fix: "), e.getMessage());
    }
}
