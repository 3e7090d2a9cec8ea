package vlmscope.experiments.temporal;

import static vlmscope.experiments.temporal.TemporalRunChecks.*;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.cli.Main;
import vlmscope.results.ResultStore;
import vlmscope.results.VectorStore;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vlmscope temporal ids} then {@code temporal steer} on the random-weight fixture with 3-frame videos: record
 * counts, the PCA summary and sign rule, the vectors file; steering with the mirror-centre frame (a zero vector)
 * changes nothing while other frames do; the paper-compat off-by-one's clear error at layer 0; summaries, figures.
 */
class TemporalIdsSteerCommandTest {

    static final String FIXTURE = "fixtures/llava-tiny-5678";

    @TempDir
    Path dir;

    @Test
    void idsThenSteering() throws Exception {
        // temporal IDs: 1 pair × 6 (f1, f2) + the text anchors
        Path ids = dir.resolve("ids");
        assertEquals(0, Main.run("temporal", "ids", "--model", FIXTURE, "--out", ids.toString(), "--frames", "3", "--pairs", "1"));
        uniqueRecords(ids, 7);
        JsonNode s = summary(ids);
        assertEquals(4, s.path("layers").size());
        assertEquals(TemporalIdExperiment.defaultPcaLayer(4), s.path("pca_layer").asInt());
        JsonNode head = s.path("headline");
        assertTrue(head.path("explained_variance_ratio").asDouble() > 0 && head.path("explained_variance_ratio").asDouble() <= 1 + 1e-9);
        assertTrue(head.path("frame_scores").get(0).asDouble() <= head.path("frame_scores").get(2).asDouble(), "sign rule");
        Map<String, float[]> vectors = VectorStore.read(ids.resolve(TemporalIdExperiment.VECTORS));
        assertEquals(36, vectors.get("L1/frame2").length);
        assertTrue(vectors.containsKey("L3/text/after"));
        assertFigure(ids, "temporal_id_pca");

        // steering with those IDs: frame 1 of 3 is its own mirror, so its vector is 0 and nothing changes
        Path steer = dir.resolve("steer");
        assertEquals(0, Main.run("temporal", "steer", "--model", FIXTURE, "--ids", ids.toString(), "--out", steer.toString(),
                "--n", "2", "--layers", "1-2"));
        List<JsonNode> steered = uniqueRecords(steer, 2 * 2 * 3);
        boolean moved = false;
        for (JsonNode r : steered) {
            if (r.path("frame").asInt() == 1) {
                assertEquals(0, r.path("delta_before").asDouble(), 1e-4);
                assertEquals(0, r.path("delta_after").asDouble(), 1e-4);
            } else moved |= Math.abs(r.path("delta_before").asDouble()) > 1e-6;
            assertEquals(1, r.path("positions").size(), "'" + r.path("subject").asText() + "' is one piece");
        }
        assertTrue(moved, "a non-zero ID difference moves the answer");
        assertEquals(2, summary(steer).path("early_minus_late_effect").size());
        assertFigure(steer, "temporal_steering_L1");

        // the controls add records but leave the main ones and their effect exactly as they were
        Path controlled = dir.resolve("steer-controls");
        assertEquals(0, Main.run("temporal", "steer", "--model", FIXTURE, "--ids", ids.toString(), "--out", controlled.toString(),
                "--n", "2", "--layers", "1-2", "--noise", "--alphas", "1"));
        // per sample and layer: noise at α 5 and α 1, the ID at α 1, each at frames 0 and 2
        List<JsonNode> all = uniqueRecords(controlled, 2 * 2 * 3 + 2 * 2 * 3 * 2);
        assertEquals(summary(steer).path("early_minus_late_effect"), summary(controlled).path("early_minus_late_effect"));
        JsonNode controls = summary(controlled).path("controls");
        assertEquals("[1.0,5.0]", controls.path("alphas").toString());
        assertEquals(summary(steer).path("early_minus_late_effect").path("1").asDouble(), controls.path("id").path("1").get(1).asDouble(), 1e-12);
        for (JsonNode r : all) {
            if (!"noise".equals(r.path("condition").asText())) continue;
            assertTrue(r.path("frame").asInt() != 1, "noise only at the end frames");
        }
        assertTrue(controls.path("noise_abs").path("2").get(0).asDouble() > 0, "noise moves the answer a little");
        assertFigure(controlled, "temporal_steering_dose_response");
        // the per-frame figures and cells read the main records only
        assertEquals(TemporalSteerExperiment.cells(ResultStore.read(steer.resolve("results.jsonl")).records()).toString(),
                TemporalSteerExperiment.cells(ResultStore.read(controlled.resolve("results.jsonl")).records()).toString());

        // the paper's off-by-one needs an ID one layer below the steered block
        assertEquals(2, Main.run("temporal", "steer", "--model", FIXTURE, "--ids", ids.toString(), "--out",
                dir.resolve("steer0").toString(), "--n", "1", "--layers", "0", "--paper-compat"));

    }
}
