package vlmscope.experiments.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import vlmscope.experiments.ExperimentOutput;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The depth summary of a hand-made record table (2 rows), against hand-computed means, stds and headline. */
class DepthSummaryTest {

    @Test
    void topMinusBottomIsTheRowDifferenceOfTheSecondMinusFirstWord() {
        // height, L3: row 0 Δ = (1, 3), (2, 6) → Δ₂ − Δ₁ = 2, 4 (mean 3); row 1 Δ = (0, 1), (1, 0) → 1, −1 (mean 0)
        // depth, L3: row 0 Δ = (0, 0) → 0; row 1 Δ = (0, 2) → 2: top minus bottom = −2
        List<JsonNode> records = List.of(rec("height", 3, 0, 1, 3), rec("height", 3, 0, 2, 6),
                rec("height", 3, 1, 0, 1), rec("height", 3, 1, 1, 0), rec("depth", 3, 0, 0, 0), rec("depth", 3, 1, 0, 2),
                rec("depth", 2, 0, 5, 5));
        ObjectNode s = DepthSummary.of(records, 2);
        JsonNode h = s.path("questions").path("height").path("L3");
        assertEquals(3.0, h.path("topMinusBottom").asDouble(), 1e-12);
        assertEquals(1.5, h.path("rows").get(0).path("mean_above").asDouble(), 1e-12);
        assertEquals(Math.sqrt(0.5), h.path("rows").get(0).path("std_above").asDouble(), 1e-12);
        assertEquals(4.5, h.path("rows").get(0).path("mean_below").asDouble(), 1e-12);
        assertEquals(2, h.path("rows").get(1).path("n").asInt());
        assertEquals(-2.0, s.path("questions").path("depth").path("L3").path("topMinusBottom").asDouble(), 1e-12);
        assertEquals(0.0, s.path("questions").path("depth").path("L3").path("rows").get(0).path("mean_behind").asDouble());
        assertFalse(s.path("questions").path("depth").path("L2").has("topMinusBottom"), "no bottom row at L2");
    }

    /**
     * Counter-cue records are summarised apart and leave the standard numbers alone. Clean accuracy, once per sample:
     * standard depth d0 says behind (−1 > −2) with label behind ✓, d1 says behind with label front ✗ → 0.5;
     * counter-cue depth c0 says front (−3 < −0.5) with label behind ✗ → 0.
     */
    @Test
    void counterCueRecordsAreSummarisedApartWithCleanAccuracy() {
        List<JsonNode> records = List.of(
                clean(rec("depth", 3, 0, 0, 0), "d0", "behind", -1, -2, false), clean(rec("depth", 3, 1, 0, 2), "d0", "behind", -1, -2, false),
                clean(rec("depth", 3, 0, 1, 1), "d1", "front", -1, -2, false), clean(rec("depth", 3, 1, 1, 1), "d1", "front", -1, -2, false),
                clean(rec("depth", 3, 0, 4, 0), "c0", "behind", -3, -0.5, true), clean(rec("depth", 3, 1, 0, 4), "c0", "behind", -3, -0.5, true));
        ObjectNode s = DepthSummary.of(records, 2);
        // standard: top (0 + 1)/2 of Δ₂ − Δ₁ = 0, bottom (2 + 0)/2 = 1 → −1; counter-cue: (0 − 4) − (4 − 0) = −8
        assertEquals(-1.0, s.path("questions").path("depth").path("L3").path("topMinusBottom").asDouble(), 1e-12);
        assertEquals(-8.0, s.path("counterCue").path("questions").path("depth").path("L3").path("topMinusBottom").asDouble(), 1e-12);
        assertEquals(0.5, s.path("cleanAccuracy").path("depth").asDouble(), 1e-12);
        assertEquals(0.0, s.path("counterCue").path("cleanAccuracy").path("depth").asDouble(), 1e-12);
        assertFalse(DepthSummary.of(records.subList(0, 4), 2).has("counterCue"));
    }

    private static JsonNode clean(JsonNode rec, String sample, String label, double behind, double front, boolean counterCue) {
        ObjectNode r = (ObjectNode) rec;
        r.put("sample", sample).put("label", label);
        r.putArray("words").add("behind").add("front");
        r.putArray("clean").add(behind).add(front);
        if (counterCue) r.put("scenes", "counter-cue");
        return r;
    }

    private static JsonNode rec(String question, int layer, int y, double d0, double d1) {
        ObjectNode r = ExperimentOutput.object();
        r.put("question", question).put("layer", layer).put("y", y);
        r.putArray("delta").add(d0).add(d1);
        return r;
    }
}
