package vlmscope.experiments.steer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import vlmscope.experiments.ExperimentOutput;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The arbitrary-steering summary of a hand-made record table (2×2 grid), against hand-computed numbers. */
class ArbitrarySummaryTest {

    /**
     * Baselines: s0 (label left) P = (0.5, 0.5), s1 (label right) P = (0.25, 0.75): baseline P(left) 0.375.
     * Layer 1, target cell (x 0, y 0): s0 → (0.8, 0.2), s1 → (0.6, 0.4): P(left) 0.7; cell (x 1, y 0): s0 → (0.1, 0.9).
     */
    @Test
    void gridsOfProbabilitiesAndLogProbChanges() {
        List<JsonNode> records = List.of(base("s0", "left", 0.5, 0.5), base("s1", "right", 0.25, 0.75),
                steer("s0", "left", 0, 0, 0.8, 0.2), steer("s1", "right", 0, 0, 0.6, 0.4), steer("s0", "left", 1, 0, 0.1, 0.9));
        List<JsonNode> wrongWay = List.of(base("s0", "left", 0.5, 0.5), steer("s0", "left", 0, 0, 0.4, 0.6),
                steer("s0", "left", 1, 0, 0.45, 0.55));
        JsonNode ww = ArbitrarySummary.of(wrongWay, ArbitrarySteering.Mode.BATCH_LR, 2, false).path("layers").path("1").path("specificity");
        assertEquals(1, ww.path("wrongDirectionTargets").asInt(), "a left target that lowers P(left)");
        ObjectNode s = ArbitrarySummary.of(records, ArbitrarySteering.Mode.BATCH_LR, 2, false);
        assertEquals(0.375, s.path("baseline").path("p_left").asDouble(), 1e-12);
        JsonNode l1 = s.path("layers").path("1");
        assertEquals(0.7, l1.path("p_left").get(0).get(0).asDouble(), 1e-12);
        assertEquals(0.1, l1.path("p_left").get(0).get(1).asDouble(), 1e-12);
        assertTrue(l1.path("p_left").get(1).get(0).isNull(), "row 1 was never a target");
        JsonNode left = l1.path("byLabel").path("left");
        assertEquals(1, left.path("n").asInt());
        assertEquals(Math.log(0.8 / 0.5), left.path("delta_left").get(0).get(0).asDouble(), 1e-12);
        assertEquals(Math.log(0.9 / 0.5), left.path("delta_right").get(0).get(1).asDouble(), 1e-12);
        assertTrue(left.path("std_left").get(0).get(0).isNull(), "one sample: no std");
        // specificity on Δ(lp left − lp right): cell (0,0) s0 ln 4, s1 ln 1.5 + ln 3 = ln 4.5 → mean ln √18; cell (1,0) −ln 9
        JsonNode sp = l1.path("specificity");
        double leftTarget = Math.log(Math.sqrt(18)), rightTarget = -Math.log(9);
        assertEquals((leftTarget + rightTarget) / 2, sp.path("commonShift").asDouble(), 1e-12);
        assertEquals(leftTarget - rightTarget, sp.path("spread").asDouble(), 1e-12);
        assertEquals((leftTarget - rightTarget) / 2, sp.path("towardMinusAway").asDouble(), 1e-12, "right half counts −Δ");
        assertEquals(0, sp.path("wrongDirectionTargets").asInt());
        assertEquals(2, sp.path("targets").asInt());
        JsonNode paper = ArbitrarySummary.of(records, ArbitrarySteering.Mode.BATCH_LR, 2, true).path("layers").path("1");
        assertEquals(sp, paper.path("specificity"), "specificity is always patched − original");
        assertEquals(-Math.log(0.6 / 0.25), paper.path("byLabel").path("right").path("delta_left").get(0).get(0).asDouble(), 1e-12);
    }

    private static JsonNode base(String sample, String label, double pLeft, double pRight) {
        ObjectNode r = ExperimentOutput.object();
        r.put("sample", sample).put("label", label).put("condition", "none");
        r.putArray("words").add("left").add("right");
        r.putArray("lp").add(Math.log(pLeft)).add(Math.log(pRight));
        return r;
    }

    private static JsonNode steer(String sample, String label, int x, int y, double pLeft, double pRight) {
        ObjectNode r = ExperimentOutput.object();
        r.put("sample", sample).put("label", label).put("condition", "steer").put("layer", 1).put("x", x).put("y", y);
        r.putArray("lp").add(Math.log(pLeft)).add(Math.log(pRight));
        return r;
    }
}
