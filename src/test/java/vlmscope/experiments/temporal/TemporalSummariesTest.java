package vlmscope.experiments.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import vlmscope.experiments.ExperimentOutput;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The temporal summaries of hand-made record tables, against hand-computed numbers. */
class TemporalSummariesTest {

    /**
     * A 2×2 grid, 2 frames, d = 1; cell 0 reads (0, 2) over the frames, every other cell (0, 0). Grand mean 0.25;
     * total SS 7·0.0625 + 1.75² = 3.5; frame means (0, 0.5): time SS 4·(0.0625 + 0.0625) = 0.5; cell means
     * (1, 0, 0, 0): position SS 2·(0.5625 + 3·0.0625) = 1.5; interaction 3.5 − 0.5 − 1.5 = 1.5.
     */
    @Test
    void gridSharesOfAFieldWithInteraction() {
        List<JsonNode> records = new ArrayList<>();
        for (int c = 0; c < 4; c++)
            for (int f = 0; f < 2; f++) {
                ObjectNode r = ExperimentOutput.object();
                r.put("row", c / 2).put("col", c % 2).put("frame", f);
                r.putObject("rows").putArray("L0").add(c == 0 && f == 1 ? 2.0 : 0.0);
                records.add(r);
            }
        ObjectNode header = ExperimentOutput.object();
        header.putObject("settings").put("cells", 2).put("frames", 2).put("pca_layer", 0).put("kinds", 1);
        JsonNode l0 = TemporalGridExperiment.summary(header, records).path("layers").path("0");
        assertEquals(0.5 / 3.5, l0.path("time_share").asDouble(), 1e-12);
        assertEquals(1.5 / 3.5, l0.path("position_share").asDouble(), 1e-12);
        assertEquals(1.5 / 3.5, l0.path("interaction_share").asDouble(), 1e-12);
        JsonNode partial = TemporalGridExperiment.summary(header, records.subList(0, 7));
        assertEquals(8, partial.path("expected_records").asInt());
        assertEquals(true, partial.path("layers").isMissingNode(), "an incomplete grid is not summarised");
    }

    /**
     * Frame IDs (0, 0), (2, 0), (1, 1): centred (−1, −1/3), (1, −1/3), (0, 2/3); scatter xx = 2, yy = 2/3, xy = 0,
     * so PC1 = x explains 2 / (8/3) = 0.75; scores −1, 1, 0 → normalised 0, 1, 0.5; ranks 0, 2, 1 → Spearman
     * 1 − 6·2/(3·8) = 0.5. Frame 1's ID is the mean over the two objects seen there. One probe answered right, one wrong.
     */
    @Test
    void temporalIdsExplainedVarianceAndAnswerAccuracy() {
        List<JsonNode> records = List.of(
                probe("dog", 0, new double[] {0, 0}, "cat", 1, new double[] {2, 0}, "before", -0.1, -2),
                probe("star", 2, new double[] {1, 1}, "moon", 1, new double[] {2, 0}, "after", -0.1, -2));
        ObjectNode header = ExperimentOutput.object();
        header.putObject("settings").put("frames", 3).put("pca_layer", 0);
        JsonNode s = TemporalIdExperiment.summary(header, records);
        assertEquals(0.5, s.path("answer_accuracy_on_probe_videos").asDouble(), 1e-12);
        JsonNode l0 = s.path("layers").path("0");
        assertEquals(0.75, l0.path("explained_variance_ratio").asDouble(), 1e-12);
        assertEquals(0.5, l0.path("rank_correlation_with_time").asDouble(), 1e-12);
        assertEquals(0.0, l0.path("frame_scores").get(0).asDouble(), 1e-12);
        assertEquals(1.0, l0.path("frame_scores").get(1).asDouble(), 1e-12);
        assertEquals(0.5, l0.path("frame_scores").get(2).asDouble(), 1e-12);
        assertEquals(l0, s.path("headline"));
    }

    /**
     * Steering effect per sample = [Δbefore − Δafter at frame 0] − [the same at the last frame]:
     * s0 (2 − (−1)) − (−1 − 1) = 5, s1 (1 − 0) − (0 − 0) = 1; mean 3. The middle frame does not count.
     */
    @Test
    void temporalSteerEarlyMinusLateEffect() {
        List<JsonNode> records = List.of(steer("s0", 0, 2, -1), steer("s0", 1, 50, -50), steer("s0", 2, -1, 1),
                steer("s1", 0, 1, 0), steer("s1", 2, 0, 0));
        ObjectNode header = ExperimentOutput.object();
        header.putObject("settings").put("frames", 3).put("alpha", 1.0);
        JsonNode s = TemporalSteerExperiment.summary(header, records);
        assertEquals(3.0, s.path("early_minus_late_effect").path("4").asDouble(), 1e-12);
        JsonNode g = s.path("groups").path("before").path("4");
        assertEquals(1.5, g.path("mean_delta_before").get(0).asDouble(), 1e-12);
        assertEquals(Math.sqrt(0.5), g.path("std_delta_before").get(0).asDouble(), 1e-12);
        assertEquals(1, g.path("n").get(1).asInt());
    }

    private static JsonNode probe(String o1, int f1, double[] r1, String o2, int f2, double[] r2, String truth,
                                  double lpBefore, double lpAfter) {
        ObjectNode r = ExperimentOutput.object();
        r.put("o1", o1).put("f1", f1).put("o2", o2).put("f2", f2).put("truth", truth);
        r.put("logprob_before", lpBefore).put("logprob_after", lpAfter);
        ObjectNode l0 = r.putObject("rows").putObject("L0");
        l0.putArray("o1").add(r1[0]).add(r1[1]);
        l0.putArray("o2").add(r2[0]).add(r2[1]);
        return r;
    }

    private static JsonNode steer(String sample, int frame, double deltaBefore, double deltaAfter) {
        ObjectNode r = ExperimentOutput.object();
        r.put("sample", sample).put("layer", 4).put("frame", frame).put("truth", "before");
        r.put("delta_before", deltaBefore).put("delta_after", deltaAfter);
        return r;
    }
}
