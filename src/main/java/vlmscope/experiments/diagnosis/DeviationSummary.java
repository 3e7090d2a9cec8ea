package vlmscope.experiments.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.analysis.MannWhitney;
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
        ObjectNode summary = ExperimentOutput.object();
        summary.put("experiment", IdDeviation.EXPERIMENT);
        summary.put("records", records.size());
        Map<Integer, List<JsonNode>> byLayer = new TreeMap<>();
        for (JsonNode r : records) byLayer.computeIfAbsent(r.path("layer").asInt(), k -> new ArrayList<>()).add(r);
        ObjectNode layers = summary.putObject("layers");
        for (var e : byLayer.entrySet()) {
            List<Double> correct = new ArrayList<>(), wrong = new ArrayList<>();
            int nonsense = 0;
            for (JsonNode r : e.getValue()) {
                JsonNode v = r.path("verdict");
                if (v.isBoolean()) (v.asBoolean() ? correct : wrong).add(r.path("margin").asDouble());
                else nonsense++;
            }
            ObjectNode ln = layers.putObject("L" + e.getKey());
            putGroups(ln, correct, wrong, nonsense, "margin");
        }
        return summary;
    }

    /** Counts, accuracy, group means and the Mann–Whitney tests of {@code correct} vs {@code wrong}. */
    static void putGroups(ObjectNode node, List<Double> correct, List<Double> wrong, int nonsense, String quantity) {
        int total = correct.size() + wrong.size() + nonsense;
        node.put("correct", correct.size());
        node.put("wrong", wrong.size());
        node.put("nonsense", nonsense);
        node.put("accuracy", total == 0 ? Double.NaN : correct.size() / (double) total);
        node.put("mean_" + quantity + "_correct", Stats.of(correct).mean());
        node.put("mean_" + quantity + "_wrong", Stats.of(wrong).mean());
        ObjectNode mw = node.putObject("mannWhitney");
        if (correct.isEmpty() || wrong.isEmpty()) {
            mw.put("skipped", "needs both correct and wrong answers");
            return;
        }
        double[] x = correct.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = wrong.stream().mapToDouble(Double::doubleValue).toArray();
        for (MannWhitney.Alternative alt : MannWhitney.Alternative.values()) {
            MannWhitney.Result r = MannWhitney.test(x, y, alt);
            String name = alt.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            mw.put("U", r.u());
            mw.put("method", r.method().name().toLowerCase(java.util.Locale.ROOT));
            mw.put("p_" + name, r.p());
        }
    }
}
