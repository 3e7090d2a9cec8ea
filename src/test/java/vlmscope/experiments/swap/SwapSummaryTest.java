package vlmscope.experiments.swap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import vlmscope.experiments.ExperimentOutput;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The swap summary of a hand-made record table, against hand-computed means, stds, medians and pooled ratios. */
class SwapSummaryTest {

    /**
     * Layer 1, set objects, answer "left" (clean c, counterfactual i, patched p → shift (c − p)/(c − i)):
     * s0 (0, −2, −1) → 0.5; s1 (−1, 0, −1.25) → −0.25; s2 (0, −0.01, −0.05) → 5 (tiny denominator); s3 (0, −1, −1) → 1.
     * Answer "right": s0 has c = i (undefined shift), the others (0, −1, −0.5) → 0.5.
     * Layer 2, "left": every sample (0, −1, −0.25) → 0.25.
     */
    private static List<JsonNode> table() {
        List<JsonNode> records = new ArrayList<>();
        double[][] left1 = {{0, -2, -1}, {-1, 0, -1.25}, {0, -0.01, -0.05}, {0, -1, -1}};
        for (int k = 0; k < 4; k++) {
            double[] right = k == 0 ? new double[] {-3, -3, -2} : new double[] {0, -1, -0.5};
            records.add(record("s" + k, 1, left1[k], right));
            records.add(record("s" + k, 2, new double[] {0, -1, -0.25}, new double[] {0, -1, -0.5}));
        }
        return records;
    }

    @Test
    void meansStdsAndPeaksAsBefore() {
        JsonNode left = SwapSummary.of(header(false), table()).path("sets").path("objects").path("left");
        // layer 1: mean (0.5 − 0.25 + 5 + 1)/4 = 1.5625; squared deviations sum 16.546875, ddof 1
        assertEquals(1.5625, left.path("mean").get(0).asDouble(), 1e-12);
        assertEquals(Math.sqrt(16.546875 / 3), left.path("std").get(0).asDouble(), 1e-12);
        assertEquals(0.25, left.path("mean").get(1).asDouble(), 1e-12);
        assertEquals(1, left.path("peak_layer").asInt());
        assertEquals(1.5625, left.path("peak_mean_shift").asDouble(), 1e-12);
        JsonNode right = SwapSummary.of(header(false), table()).path("sets").path("objects").path("right");
        assertEquals(3, right.path("n").get(0).asInt(), "the undefined shift is left out");
        assertEquals(0.5, right.path("mean").get(0).asDouble(), 1e-12);
        JsonNode paper = SwapSummary.of(header(true), table()).path("sets").path("objects").path("right");
        assertEquals(4, paper.path("n").get(0).asInt(), "paper: the undefined shift counts as 0");
        assertEquals(1.5 / 4, paper.path("mean").get(0).asDouble(), 1e-12);
    }

    @Test
    void robustStatisticsLeaveOutTinyDenominators() {
        ObjectNode s = SwapSummary.of(header(false), table(), 0.1);
        assertEquals(0.1, s.path("min_denominator").asDouble());
        JsonNode left = s.path("sets").path("objects").path("left");
        // kept at layer 1: s0, s1, s3 (s2's |c − i| = 0.01 < 0.1)
        assertEquals(1, left.path("n_excluded").get(0).asInt());
        assertEquals(3, left.path("n_kept").get(0).asInt());
        assertEquals(0.5, left.path("median_kept").get(0).asDouble(), 1e-12);
        assertEquals(1.25 / 3, left.path("mean_kept").get(0).asDouble(), 1e-12);
        // pooled: Σ sign(c − i)(c − p) = 1 + (−1)(0.25) + 1 = 1.75 over Σ|c − i| = 2 + 1 + 1 = 4
        assertEquals(1.75 / 4, left.path("pooled").get(0).asDouble(), 1e-12);
        assertEquals(0.25, left.path("pooled").get(1).asDouble(), 1e-12);
        assertEquals(0, left.path("n_excluded").get(1).asInt());
        JsonNode right = s.path("sets").path("objects").path("right");
        assertEquals(1, right.path("n_excluded").get(0).asInt(), "c = i is excluded too");
        // threshold 0 keeps the tiny denominator: median of (−0.25, 0.5, 1, 5) = 0.75; s0 of "right" (c − i = 0) stays out
        JsonNode all = SwapSummary.of(header(false), table(), 0).path("sets").path("objects");
        assertEquals(0.75, all.path("left").path("median_kept").get(0).asDouble(), 1e-12);
        assertEquals((1 - 0.25 + 0.05 + 1) / 4.01, all.path("left").path("pooled").get(0).asDouble(), 1e-12);
        assertEquals(1, all.path("right").path("n_excluded").get(0).asInt());
        assertTrue(Double.isNaN(SwapSummary.median(List.of())));
    }

    private static JsonNode header(boolean paperCompat) {
        ObjectNode h = ExperimentOutput.object();
        h.putObject("settings").put("mode", "mirror").put("paper_compat", paperCompat);
        return h;
    }

    private static JsonNode record(String sample, int layer, double[] left, double[] right) {
        ObjectNode r = ExperimentOutput.object();
        r.put("sample", sample);
        r.put("layer", layer);
        r.put("set", "objects");
        var answers = r.putArray("answers");
        answer(answers.addObject(), "left", left);
        answer(answers.addObject(), "right", right);
        return r;
    }

    private static void answer(ObjectNode o, String label, double[] cip) {
        o.put("label", label);
        o.put("clean", cip[0]);
        o.put("counterfactual", cip[1]);
        o.put("patched", cip[2]);
        double den = cip[0] - cip[1];
        if (den == 0) o.putNull("shift");
        else o.put("shift", (cip[0] - cip[2]) / den);
    }
}
