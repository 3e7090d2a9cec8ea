package vlmscope.experiments.steer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import vlmscope.experiments.ExperimentOutput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwapStatisticsTest {

    @Test
    void swapRatioCountsSignFlipsAndExcludesTies() {
        double[] o = {1, -2, 3, 0, 1, -1};
        double[] n = {-1, -1, -0.5, 5, 0, 2};
        // counted: pairs 0,1,2,5 (pair 3 has o = 0, pair 4 has n = 0); swapped: 0, 2, 5
        assertEquals(0.75, SwapStatistics.swapRatio(o, n), 1e-12);
        assertTrue(Double.isNaN(SwapStatistics.swapRatio(new double[] {0}, new double[] {1})));
    }

    @Test
    void topLayersAndPopulationStd() {
        Map<Integer, Double> id = Map.of(1, 0.2, 2, 0.9, 3, 0.5, 4, 0.7, 5, 0.95);
        Map<Integer, Double> noise = Map.of(1, 0.0, 2, 0.1, 3, 0.0, 4, 0.2);   // layer 5 lacks noise: not eligible
        List<Integer> top = SwapStatistics.topLayers(id, 3, noise);
        assertEquals(List.of(2, 4, 3), top);
        double[] v = SwapStatistics.at(id, top);
        assertEquals((0.9 + 0.7 + 0.5) / 3, SwapStatistics.mean(v), 1e-12);
        assertEquals(Math.sqrt(((0.2 * 0.2) + 0 + (0.2 * 0.2)) / 3), SwapStatistics.populationStd(v), 1e-12);
        assertEquals(Math.sqrt(0.08 / 2), SwapStatistics.sampleStd(v), 1e-12);
    }

    /** Four samples, one with an ambiguous answer; two layers; hand-computed numbers. */
    @Test
    void summaryOfAHandMadeTable() {
        List<JsonNode> records = new ArrayList<>();
        // baseline: margins +1, +2, -1, +1; verdicts correct, correct, wrong, nonsense (s3 ambiguous)
        records.add(base("s0", 1, "correct", "left"));
        records.add(base("s1", 2, "correct", "left"));
        records.add(base("s2", -1, "wrong", "right"));
        records.add(base("s3", 1, "nonsense", null));
        // layer 5: id flips s0, s2; s1 stays. noise flips none, incl. s3 (which it also has)
        records.add(steered("s0", 5, "id", -1, "wrong"));
        records.add(steered("s1", 5, "id", 1, "correct"));
        records.add(steered("s2", 5, "id", 2, "correct"));
        records.add(skipped("s3", 5, "id"));
        for (String s : List.of("s0", "s1", "s2")) records.add(steered(s, 5, "noise", s.equals("s2") ? -3 : 3, "correct"));
        records.add(steered("s3", 5, "noise", -1, "wrong"));   // s3: o = +1, n = -1: a flip, only counted in paper mode
        // layer 6: id flips s0 only
        records.add(steered("s0", 6, "id", -2, "wrong"));
        records.add(steered("s1", 6, "id", 2, "correct"));
        records.add(steered("s2", 6, "id", -2, "wrong"));
        for (String s : List.of("s0", "s1", "s2", "s3")) records.add(steered(s, 6, "noise", 1, "correct"));

        var fixed = AdversarialSummary.of(records, false);
        assertEquals(2.0 / 3, fixed.byCondition().get("id").get(5).swapRatio(), 1e-12);
        assertEquals(1.0 / 3, fixed.byCondition().get("id").get(6).swapRatio(), 1e-12);
        assertEquals(0.0, fixed.byCondition().get("noise").get(5).swapRatio(), 1e-12);
        assertEquals(1.0 / 3, fixed.byCondition().get("noise").get(6).swapRatio(), 1e-12);  // s2: o=-1, n=+1
        assertEquals(List.of(5, 6), fixed.top3());
        JsonNode top = fixed.json().path("top3");
        assertEquals(0.5, top.path("id").path("meanSwapRatio").asDouble(), 1e-12);
        assertEquals(1.0 / 6, top.path("id").path("stdSwapRatio").asDouble(), 1e-12);
        // accuracy: baseline over all 4 = 0.5; over the 3 steerable = 2/3; id layer 5 acc = 2/3, layer 6 = 1/3
        assertEquals(0.5, fixed.baselineAccuracy(), 1e-12);
        assertEquals(0.0, fixed.byCondition().get("id").get(5).accuracyDrop(), 1e-12);
        assertEquals(1.0 / 3, fixed.byCondition().get("id").get(6).accuracyDrop(), 1e-12);
        assertEquals(1.0 / 6, fixed.json().path("steerability").path("meanAccuracyDrop").asDouble(), 1e-12);

        var paper = AdversarialSummary.of(records, true);
        assertEquals(0.25, paper.byCondition().get("noise").get(5).swapRatio(), 1e-12);   // s3 counted, flipped
        assertEquals(4, paper.byCondition().get("noise").get(5).samples());
        assertEquals(0.5 - 2.0 / 3, paper.byCondition().get("id").get(5).accuracyDrop(), 1e-12);
    }

    /**
     * Dose–response: 5 samples with positive baseline margins, layer 2, main α 5 and a swept α 1. At α 1 ID flips
     * 4 of 5 (0.8) and noise 0 (0.0): the contrast holds at α 1; at α 5 ID flips 5 of 5 but noise 1 of 5 (0.2 > 0.1).
     * Toward flips none. The main-α summary is unchanged by the swept records.
     */
    @Test
    void doseResponseFindsTheSmallestAlphaWithTheContrast() {
        List<JsonNode> records = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            String s = "s" + k;
            records.add(base(s, 1, "correct", "left"));
            records.add(steered(s, 2, "id", -1, "wrong"));
            records.add(steered(s, 2, "noise", k == 0 ? -1 : 1, "correct"));
            records.add(steered(s, 2, "toward", 2, "correct"));
            records.add(steered(s, 2, "id", k == 4 ? 1 : -1, "wrong").put("alpha", 1.0));
            records.add(steered(s, 2, "noise", 1, "correct").put("alpha", 1.0));
            records.add(steered(s, 2, "toward", 3, "correct").put("alpha", 1.0));
        }
        var r = AdversarialSummary.of(records, false, 5.0);
        assertEquals(1.0, r.byCondition().get("id").get(2).swapRatio(), 1e-12, "main α only");
        assertEquals(0.2, r.byCondition().get("noise").get(2).swapRatio(), 1e-12);
        assertEquals(0.0, r.byCondition().get("toward").get(2).swapRatio(), 1e-12);
        assertEquals(5, r.byCondition().get("id").get(2).samples());
        JsonNode dose = r.json().path("doseResponse");
        assertEquals(List.of(1.0, 5.0), List.of(dose.path("alphas").get(0).asDouble(), dose.path("alphas").get(1).asDouble()));
        assertEquals(0.8, dose.path("swapRatio").path("id").path("2").get(0).asDouble(), 1e-12);
        assertEquals(1.0, dose.path("swapRatio").path("id").path("2").get(1).asDouble(), 1e-12);
        assertEquals(0.0, dose.path("swapRatio").path("noise").path("2").get(0).asDouble(), 1e-12);
        assertEquals(1.0, dose.path("contrast").path("alphaByLayer").path("2").asDouble(), 1e-12);
        assertTrue(dose.path("contrast").path("exists").asBoolean());
        // without the swept α the contrast fails at α 5 alone
        List<JsonNode> mainOnly = records.stream().filter(x -> !x.has("alpha")).toList();
        assertTrue(AdversarialSummary.of(mainOnly, false, 5.0).json().path("doseResponse").isMissingNode());
        List<JsonNode> noisier = new ArrayList<>(records);
        noisier.replaceAll(x -> x.has("alpha") && x.path("condition").asText().equals("noise") && x.path("sample").asText().equals("s1")
                ? steered("s1", 2, "noise", -1, "wrong").put("alpha", 1.0) : x);
        JsonNode none = AdversarialSummary.of(noisier, false, 5.0).json().path("doseResponse").path("contrast");
        assertTrue(none.path("alphaByLayer").path("2").isNull(), "noise 0.2 at α 1 and at α 5: no α qualifies");
        assertTrue(!none.path("exists").asBoolean());
    }

    private static ObjectNode base(String s, double margin, String verdict, String said) {
        ObjectNode r = ExperimentOutput.object().put("sample", s).put("condition", "none").put("verdict", verdict);
        r.putArray("lp").add(margin - 3).add(-3.0);
        if (said == null) r.putNull("said");
        else r.put("said", said);
        return r;
    }

    private static ObjectNode steered(String s, int layer, String condition, double margin, String verdict) {
        ObjectNode r = ExperimentOutput.object().put("sample", s).put("layer", layer).put("condition", condition)
                .put("verdict", verdict);
        r.putArray("lp").add(-2.0).add(-2.0 - margin);
        return r;
    }

    private static ObjectNode skipped(String s, int layer, String condition) {
        return ExperimentOutput.object().put("sample", s).put("layer", layer).put("condition", condition)
                .put("skipped", "ambiguous");
    }
}
