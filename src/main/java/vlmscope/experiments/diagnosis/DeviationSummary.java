package vlmscope.experiments.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.experiments.ExperimentOutput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Headline numbers of an ID-deviation run, from its records only: per layer, the counts of correct, wrong and
 * nonsense answers, accuracy (nonsense in the denominator, as the paper prints it), mean margin of correct and of
 * wrong answers, and the Mann–Whitney U test of correct against wrong margins (two-sided, greater, less).
 */
public final class DeviationSummary {

    private DeviationSummary() {
    }

    public static ObjectNode of(List<JsonNode> records) {
        ObjectNode summary = ExperimentOutput.summaryOf(IdDeviation.EXPERIMENT, records.size());
        Map<Integer, List<JsonNode>> byLayer = new TreeMap<>();
        for (JsonNode r : records) byLayer.computeIfAbsent(r.path("layer").asInt(), k -> new ArrayList<>()).add(r);
        ObjectNode layers = summary.putObject("layers");
        for (var e : byLayer.entrySet()) {
            VerdictGroups groups = new VerdictGroups("margin");
            for (JsonNode r : e.getValue()) groups.add(r);
            groups.putInto(layers.putObject("L" + e.getKey()));
        }
        return summary;
    }
}
