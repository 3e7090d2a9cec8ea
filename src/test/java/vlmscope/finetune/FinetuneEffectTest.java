package vlmscope.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import vlmscope.Json;
import vlmscope.results.ResultStore;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The §8 effect over hand-made records of three seeds: paired differences and their 95% t interval by hand. */
class FinetuneEffectTest {

    /** Seeds 1–3 at steps 0, 20, 40; at step 40 baseline 0.5 / 0.6 / 0.55 and id-loss 0.6 / 0.8 / 0.6. */
    private static List<JsonNode> records(double[] idLossAtEnd) {
        double[] base = {0.5, 0.6, 0.55}, withId = {0.6, 0.8, 0.6};
        List<JsonNode> out = new ArrayList<>();
        for (int s = 0; s < 3; s++)
            for (int step : new int[] {0, 20, 40}) {
                out.add(record(FinetuneSettings.BASELINE, s + 1, step, step == 40 ? base[s] : 0.4, 0.5));
                out.add(record(FinetuneSettings.WITH_ID_LOSS, s + 1, step, step == 40 ? withId[s] : 0.4,
                        step == 40 ? idLossAtEnd[s] : 0.5));
            }
        return out;
    }

    private static ObjectNode record(String arm, long seed, int step, double accuracy, double idLoss) {
        return Json.MAPPER.createObjectNode().put("arm", arm).put("seed", seed).put("step", step).put("accuracy", accuracy)
                .put("id_loss", idLoss).put("lm_loss", 1.0);
    }

    /**
     * Differences 0.1, 0.2, 0.05: mean 0.35/3, s² = ((−1/60)² + (5/60)² + (−4/60)²)/2 = 42/7200, and with 2 degrees of
     * freedom t(0.975) = √(2·0.9025/0.0975); half-width t·s/√3. The ID loss fell 0.5 → 0.2, 0.3, 0.1 (changes −0.3, −0.2, −0.4).
     */
    @Test
    void pairedDifferenceWithTInterval() {
        FinetuneEffect e = FinetuneEffect.of(records(new double[] {0.2, 0.3, 0.1}));
        assertEquals(40, e.step());
        assertEquals(0, e.firstStep());
        double mean = 0.35 / 3, s = Math.sqrt(42 / 7200.0), half = Math.sqrt(2 * 0.9025 / 0.0975) * s / Math.sqrt(3);
        assertEquals(mean, e.accuracy().mean(), 1e-12);
        assertEquals(s, e.accuracy().std(), 1e-12);
        assertEquals(mean - half, e.accuracy().low(), 1e-9);
        assertEquals(mean + half, e.accuracy().high(), 1e-9);
        assertFalse(e.accuracyDiffers(), "the interval spans 0");
        assertEquals(-0.3, e.idLoss().mean(), 1e-12);
        assertTrue(e.idLossFell());
        JsonNode json = e.json();
        assertEquals(0.2, json.path("accuracy_difference").path("per_seed").get(1).path("value").asDouble(), 1e-12);
        assertEquals(mean + half, json.path("accuracy_difference").path("ci95_high").asDouble(), 1e-9);
        var headline = new FinetuneFigure().headline(new ResultStore.Contents(Json.MAPPER.createObjectNode(),
                records(new double[] {0.2, 0.3, 0.1}), List.of()), null);
        assertTrue(headline.verdict().startsWith("not reproduced: accuracy difference 0.117"), headline.verdict());
    }

    @Test
    void idLossThatRoseInOneSeedDidNotFall() {
        FinetuneEffect e = FinetuneEffect.of(records(new double[] {0.2, 0.6, 0.1}));
        assertFalse(e.idLossFell());
        var headline = new FinetuneFigure().headline(new ResultStore.Contents(Json.MAPPER.createObjectNode(),
                records(new double[] {0.2, 0.6, 0.1}), List.of()), null);
        assertTrue(headline.verdict().startsWith("not testable on this run"), headline.verdict());
    }

    @Test
    void noIdArmNoEffect() {
        assertNull(FinetuneEffect.of(List.of(record(FinetuneSettings.BASELINE, 1, 0, 0.5, 0.5))));
    }
}
