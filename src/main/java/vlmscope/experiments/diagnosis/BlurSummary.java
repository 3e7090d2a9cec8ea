package vlmscope.experiments.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.experiments.ExperimentOutput;

import java.util.ArrayList;
import java.util.List;

/**
 * Headline numbers of a blur-sensitivity run, from its records only: counts, skipped samples, the mean
 * sensitivity of correct and of wrong answers, and the Mann–Whitney U test of correct against wrong sensitivities.
 */
public final class BlurSummary {

    private BlurSummary() {
    }

    public static ObjectNode of(List<JsonNode> records) {
        ObjectNode summary = ExperimentOutput.object();
        summary.put("experiment", BlurSensitivity.EXPERIMENT);
        summary.put("records", records.size());
        summary.put("sensitivity", "min over random-box blurs of log P(correct) - log P(correct) with the subject blurred");
        List<Double> correct = new ArrayList<>(), wrong = new ArrayList<>();
        int nonsense = 0, skipped = 0;
        for (JsonNode r : records) {
            if (r.has("skipped") || !r.path("sensitivity").isNumber()) {
                skipped++;
                continue;
            }
            JsonNode v = r.path("verdict");
            if (v.isBoolean()) (v.asBoolean() ? correct : wrong).add(r.path("sensitivity").asDouble());
            else nonsense++;
        }
        summary.put("skipped", skipped);
        DeviationSummary.putGroups(summary, correct, wrong, nonsense, "sensitivity");
        return summary;
    }
}
