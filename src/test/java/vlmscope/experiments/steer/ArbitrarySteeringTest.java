package vlmscope.experiments.steer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.ids.SpatialIdFile;
import vlmscope.processing.Occurrence;
import vlmscope.results.ResultStore;
import vlmscope.engine.LoadedModel;
import vlmscope.world.BackgroundChoice;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArbitrarySteeringTest {

    static LoadedModel lm;
    static SpatialIdFile ids;

    @TempDir
    static Path shared;

    @BeforeAll
    static void open() {
        lm = SteerFixture.open();
        ids = SpatialIdFile.read(SteerFixture.linearIds(shared), null);
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    static ArbitrarySteering.Options options(ArbitrarySteering.Mode mode, boolean paperCompat, int... layers) {
        return new ArbitrarySteering.Options(mode, layers, 5, null, paperCompat, false, PromptStyle.WORLD, 11);
    }

    @Test
    void batchLeftRightGridAndMirrorSymmetry(@TempDir Path dir) {
        var mode = ArbitrarySteering.Mode.BATCH_LR;
        List<SteerSample> samples = WorldSteerData.generate(mode.task(), 2, 11, 224, BackgroundChoice.BLACK);
        ObjectNode summary = new ArbitrarySteering(lm, ids, options(mode, false, 1, 2))
                .run(samples, new ExperimentOutput(dir), true, List.of("test"));
        List<JsonNode> records = ResultStore.read(dir.resolve("results.jsonl")).records();
        assertEquals(2 * (1 + 2 * 16), records.size());
        JsonNode grid = summary.path("layers").path("1").path("p_left");
        assertEquals(4, grid.size());
        for (JsonNode row : grid) assertEquals(4, row.size());
        for (JsonNode byLabel : summary.path("layers").path("2").path("byLabel")) {
            assertEquals(4, byLabel.path("delta_right").size());
            assertEquals(4, byLabel.path("delta_right").get(0).size());
        }
        new SteeringArbitraryFigure().make(ResultStore.read(dir.resolve("results.jsonl")), dir.resolve("figures"));
        assertTrue(java.nio.file.Files.exists(dir.resolve("figures/fig6_batch-lr.png")));
        // linear field: U(x,y) − U(3−x,y) = (2x−3)·a does not depend on y, so every column is one edit
        Map<String, double[]> lp = new HashMap<>();
        for (JsonNode r : records) if (r.has("x")) lp.put(r.path("key").asText(), ArbitrarySteering.lp(r));
        for (SteerSample s : samples)
            for (int layer : new int[] {1, 2})
                for (int x = 0; x < 4; x++)
                    for (int y = 1; y < 4; y++)
                        assertArrayEquals(lp.get(ArbitrarySteering.key(s, layer, x, 0)), lp.get(ArbitrarySteering.key(s, layer, x, y)), 1e-5);
    }

    @Test
    void inBetweenMirrorsRowsAndSingleMovesBothObjects() {
        var inBetween = new ArbitrarySteering(lm, ids, options(ArbitrarySteering.Mode.IN_BETWEEN, false, 2));
        var lr = new ArbitrarySteering(lm, ids, options(ArbitrarySteering.Mode.BATCH_LR, false, 2));
        for (int x = 0; x < 4; x++)
            for (int y = 0; y < 4; y++) {
                // y-mirror partner: (2y−3)·b·α; x-mirror partner: (2x−3)·a·α
                assertArrayEquals(diff(2, x, y, true), inBetween.steeringVector(2, x, y), 1e-4f);
                assertArrayEquals(diff(2, x, y, false), lr.steeringVector(2, x, y), 1e-4f);
            }
        var single = new ArbitrarySteering(lm, ids, options(ArbitrarySteering.Mode.SINGLE, false, 2));
        var edits = single.edits(2, 0, 1, new int[] {7}, new int[] {9, 11});
        assertEquals(2, edits.size());
        assertArrayEquals(new int[] {9, 11}, edits.get(1).positions());
    }

    @Test
    void paperCompatShiftsLayerAndPosition() {
        var mode = ArbitrarySteering.Mode.BATCH_LR;
        SteerSample s = WorldSteerData.generate(mode.task(), 1, 11, 224, BackgroundChoice.BLACK).getFirst();
        PreparedSample p = PreparedSample.of(lm, s, PromptStyle.PAPER_BATCH.text(s.question(), true), false);
        int[] exact = p.positions(lm, s.subject(), Occurrence.ALL);
        var paper = new ArbitrarySteering(lm, ids, options(mode, true, 2));
        var fixed = new ArbitrarySteering(lm, ids, options(mode, false, 2));
        assertArrayEquals(exact, fixed.subjectPositions(p));
        assertArrayEquals(java.util.Arrays.stream(exact).map(i -> i + 1).toArray(), paper.subjectPositions(p));
        assertEquals(1, paper.idLayer(2));
        assertEquals(2, fixed.idLayer(2));
        assertThrows(IllegalArgumentException.class, () -> paper.idLayer(0));
        assertTrue(p.text().contains("?Answer Left or Right. ANSWER: "));
    }

    /** α·(U(x,y) − U(partner)) of the synthetic field, computed by hand: [d]. */
    private static float[] diff(int layer, int x, int y, boolean yMirror) {
        float[][] ab = SteerFixture.directions(layer);
        float[] v = new float[SteerFixture.D];
        for (int i = 0; i < v.length; i++) v[i] = (float) (5 * (yMirror ? (2 * y - 3) * ab[1][i] : (2 * x - 3) * ab[0][i]));
        return v;
    }
}
