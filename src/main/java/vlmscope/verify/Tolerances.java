package vlmscope.verify;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A fixture's tolerances (expected/index.json {@code tolerances}), with the README's values as defaults. LLaVA
 * fixtures name one pair for hidden states and logits; Qwen fixtures name {@code hidden_abs} / {@code hidden_rel}
 * (the logits' pair has the same values).
 */
record Tolerances(double pixelAbs, double abs, double rel) {

    static Tolerances from(JsonNode node) {
        return new Tolerances(node.path("pixel_values_abs").asDouble(1e-6),
                node.path("hidden_and_logits_abs").asDouble(node.path("hidden_abs").asDouble(2e-4)),
                node.path("hidden_and_logits_rel").asDouble(node.path("hidden_rel").asDouble(1e-4)));
    }
}
