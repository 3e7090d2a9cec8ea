package vlmscope.experiments.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.experiments.ExperimentOutput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Headline numbers of a depth diagnosis, from its records only. Per question (height, depth) and layer, per row j:
 * mean ± std (ddof 1) of Δ for both answer words; and {@code topMinusBottom}: how much steering the subject to the
 * top row (j = 0) rather than the bottom row raises the first word (above; behind) over the second, i.e. the mean of
 * (Δ₂ − Δ₁) at j = 0 minus that at j = m − 1. Positive for height = vertical IDs drive above/below; positive for depth
 * too = "higher" is read as "farther" (height conflated with depth). Beside it, per question, the clean answer
 * accuracy (the label's word more likely than the other, once per sample). Counter-cue records (the farther object
 * drawn lower; {@code "scenes": "counter-cue"}) are summarised apart, under {@code counterCue}, the same way.
 */
public final class DepthSummary {

    private DepthSummary() {
    }

    /** Per (question, layer, row) the Δ pairs of all samples. */
    static Map<String, Map<Integer, Map<Integer, List<double[]>>>> group(List<JsonNode> records) {
        Map<String, Map<Integer, Map<Integer, List<double[]>>>> g = new TreeMap<>();
        for (JsonNode r : records) {
            g.computeIfAbsent(r.path("question").asText(), k -> new TreeMap<>())
                    .computeIfAbsent(r.path("layer").asInt(), k -> new TreeMap<>())
                    .computeIfAbsent(r.path("y").asInt(), k -> new ArrayList<>())
                    .add(new double[] {r.path("delta").get(0).asDouble(), r.path("delta").get(1).asDouble()});
        }
        return g;
    }

    /** A record of a counter-cue scene. */
    static boolean counterCue(JsonNode r) {
        return r.path("scenes").asText().equals(DepthOptions.Scenes.COUNTER_CUE.label());
    }

    public static ObjectNode of(List<JsonNode> all, int cells) {
        ObjectNode summary = ExperimentOutput.summaryOf(DepthDiagnosis.EXPERIMENT, all.size());
        summary.put("sign", "delta = clean log-prob - patched log-prob (docs/paper-mapping.md#depth)");
        List<JsonNode> standard = all.stream().filter(r -> !counterCue(r)).toList();
        List<JsonNode> counter = all.stream().filter(DepthSummary::counterCue).toList();
        summary.set("questions", questions(standard, cells));
        if (!standard.isEmpty()) summary.set("cleanAccuracy", cleanAccuracy(standard));
        if (!counter.isEmpty()) {
            ObjectNode c = summary.putObject("counterCue");
            c.put("scenes", "depth scenes whose farther object is drawn lower than the nearer one (depth shown by size and occlusion)");
            c.set("questions", questions(counter, cells));
            c.set("cleanAccuracy", cleanAccuracy(counter));
        }
        return summary;
    }

    /**
     * Per question, the share of samples whose clean log-prob ranks the label's word above the other word (each
     * sample counted once, from its first record).
     */
    static ObjectNode cleanAccuracy(List<JsonNode> records) {
        java.util.Map<String, java.util.Map<String, Boolean>> bySample = new TreeMap<>();
        for (JsonNode r : records) {
            if (!r.has("clean")) continue;
            boolean firstWins = r.path("clean").get(0).asDouble() > r.path("clean").get(1).asDouble();
            boolean right = firstWins == r.path("label").asText().equals(r.path("words").get(0).asText());
            bySample.computeIfAbsent(r.path("question").asText(), k -> new TreeMap<>()).putIfAbsent(r.path("sample").asText(), right);
        }
        ObjectNode out = ExperimentOutput.object();
        bySample.forEach((q, v) -> out.put(q, v.values().stream().filter(b -> b).count() / (double) v.size()));
        return out;
    }

    private static ObjectNode questions(List<JsonNode> records, int cells) {
        ObjectNode questions = ExperimentOutput.object();
        for (var q : group(records).entrySet()) {
            ObjectNode qn = questions.putObject(q.getKey());
            List<String> words = q.getKey().equals("height") ? List.of("above", "below") : List.of("behind", "front");
            qn.putArray("words").add(words.get(0)).add(words.get(1));
            for (var l : q.getValue().entrySet()) {
                ObjectNode ln = qn.putObject("L" + l.getKey());
                ArrayNode rows = ln.putArray("rows");
                for (var row : l.getValue().entrySet()) {
                    ObjectNode rn = rows.addObject();
                    rn.put("y", row.getKey());
                    for (int w = 0; w < 2; w++) {
                        int word = w;
                        Stats s = Stats.of(row.getValue().stream().map(d -> d[word]).toList());
                        rn.put("n", s.n());
                        rn.put("mean_" + words.get(w), s.mean());
                        rn.put("std_" + words.get(w), s.std());
                    }
                }
                List<double[]> top = l.getValue().get(0), bottom = l.getValue().get(cells - 1);
                if (top != null && bottom != null) {
                    double t = Stats.of(top.stream().map(d -> d[1] - d[0]).toList()).mean();
                    double b = Stats.of(bottom.stream().map(d -> d[1] - d[0]).toList()).mean();
                    ln.put("topMinusBottom", t - b);
                }
            }
        }
        return questions;
    }
}
