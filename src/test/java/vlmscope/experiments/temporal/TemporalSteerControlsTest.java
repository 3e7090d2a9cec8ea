package vlmscope.experiments.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import vlmscope.Json;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Fig 10C's controls summarised from hand-made records (3 frames, layer 2, two samples). */
class TemporalSteerControlsTest {

    private static ObjectNode record(String sample, int frame, double before, double after, String condition, Double alpha) {
        ObjectNode r = Json.MAPPER.createObjectNode().put("sample", sample).put("layer", 2).put("frame", frame)
                .put("delta_before", before).put("delta_after", after);
        if (condition != null) r.put("condition", condition);
        if (alpha != null) r.put("alpha", alpha);
        return r;
    }

    /**
     * ID at α 5: sample a (2 − 0) − (−1 − 0) = 3, sample b 1 − 0 = 1 → mean 2, |mean| 2. Noise at α 5: a 0.5 − (−0.5) = 1,
     * b (−1) − 1 = −2 → mean −0.5, mean |.| 1.5. ID at α 1: a 0.5, b 0.1 (frame 2 at 0) → 0.3. The middle frame and
     * the noise records never enter the main effect.
     */
    @Test
    void effectsPerConditionAndAlpha() {
        List<JsonNode> records = new ArrayList<>(List.of(
                record("a", 0, 2, 0, null, null), record("a", 1, 9, 0, null, null), record("a", 2, -1, 0, null, null),
                record("b", 0, 1, 0, null, null), record("b", 2, 0, 0, null, null),
                record("a", 0, 0.5, 0, "noise", null), record("a", 2, 0, 0.5, "noise", null),
                record("b", 0, 0, 1, "noise", null), record("b", 2, 1, 0, "noise", null),
                record("a", 0, 0.5, 0, null, 1.0), record("a", 2, 0, 0, null, 1.0),
                record("b", 0, 0.1, 0, null, 1.0), record("b", 2, 0, 0, null, 1.0)));
        JsonNode c = TemporalSteerControls.summary(records, 3, 5.0);
        assertEquals("[1.0,5.0]", c.path("alphas").toString());
        assertEquals(0.3, c.path("id").path("2").get(0).asDouble(), 1e-12);
        assertEquals(2.0, c.path("id").path("2").get(1).asDouble(), 1e-12);
        assertEquals(2.0, c.path("id_abs").path("2").get(1).asDouble(), 1e-12);
        assertEquals(-0.5, c.path("noise").path("2").get(1).asDouble(), 1e-12);
        assertEquals(1.5, c.path("noise_abs").path("2").get(1).asDouble(), 1e-12);
        assertEquals(true, c.path("noise").path("2").get(0).isNull(), "no noise at α 1 was run");

        JsonNode header = Json.MAPPER.createObjectNode().set("settings", Json.MAPPER.createObjectNode().put("frames", 3).put("alpha", 5.0));
        JsonNode summary = TemporalSteerExperiment.summary(header, records);
        assertEquals(2.0, summary.path("early_minus_late_effect").path("2").asDouble(), 1e-12);
        assertEquals(2, summary.path("samples").asInt());
    }
}
