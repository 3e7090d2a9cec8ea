package vlmscope.experiments.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.experiments.ExperimentOutput;

import java.util.List;

/**
 * Headline numbers of a blur-sensitivity run, from its records only: counts, skipped samples, the mean
 * sensitivity of correct and of wrong answers, and the Mann–Whitney U test of correct against wrong sensitivities.
 */
public final class BlurSummary {

    private BlurSummary() {
    }

    public static ObjectNode of(List<JsonNode> records) {
        ObjectNode summary = ExperimentOutput.summaryOf(BlurSensitivity.EXPERIMENT, records.size());
        summary.put("sensitivity", "min over random-box blurs of log P(correct) - log P(correct) with the subject blurred");
        VerdictGroups groups = new VerdictGroups("sensitivity");
        int skipped = 0;
        for (JsonNode r : records) {
            if (r.has("skipped") || !r.path("sensitivity").isNumber()) skipped++;
            else groups.add(r);
        }
        summary.put("skipped", skipped);
        groups.putInto(summary);
        return summary;
    }
}
