package vlmscope.experiments.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.Json;
import vlmscope.experiments.ExperimentOutput;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Fig 10C effect and its controls from the records. Per sample and layer the early-minus-late effect is
 * [Δbefore − Δafter with the frame-0 edit] − [the same with the frame-(F−1) edit]; per layer its mean over samples.
 * The controls ({@link TemporalSteerExperiment.Controls}) are summarised the same way per condition (ID edit, noise)
 * and α, beside the mean absolute effect (a random direction's signed effect averages out over samples even when
 * each one moves the answer; its absolute effect does not).
 */
final class TemporalSteerControls {

    private TemporalSteerControls() {
    }

    /** Per layer, the per-sample early-minus-late effects of {@code records} (one condition at one α), in record order. */
    static Map<Integer, List<Double>> effects(List<JsonNode> records, int frames) {
        Map<Integer, List<Double>> effects = new TreeMap<>();
        Map<String, double[]> ends = new HashMap<>();
        for (JsonNode r : records) {
            int f = r.path("frame").asInt();
            if (f != 0 && f != frames - 1) continue;
            String k = r.path("sample").asText() + "/" + r.path("layer").asInt();
            double[] e = ends.computeIfAbsent(k, x -> new double[]{Double.NaN, Double.NaN});
            e[f == 0 ? 0 : 1] = r.path("delta_before").asDouble() - r.path("delta_after").asDouble();
            if (Double.isFinite(e[0]) && Double.isFinite(e[1])) {
                effects.computeIfAbsent(r.path("layer").asInt(), x -> new ArrayList<>()).add(e[0] - e[1]);
            }
        }
        return effects;
    }

    /**
     * {@code controls} of summary.json: the α list (the run's own among them) and, per condition and layer, the mean
     * and the mean absolute early-minus-late effect at each α (null where not run).
     */
    static ObjectNode summary(List<JsonNode> all, int frames, double mainAlpha) {
        TreeSet<Double> alphas = new TreeSet<>();
        alphas.add(mainAlpha);
        all.forEach(r -> {
            if (r.has("alpha")) alphas.add(r.path("alpha").asDouble());
        });
        ObjectNode out = ExperimentOutput.object();
        out.put("effect", "per sample and layer: [dBefore - dAfter at frame 0] - [the same at frame F-1]; mean and mean |.| over samples");
        out.put("noise", "a seeded Gaussian direction with the frame-0 ID edit's norm, added as +r (frame 0) and -r (frame F-1)");
        ArrayNode a = out.putArray("alphas");
        alphas.forEach(a::add);
        for (String condition : List.of("id", "noise")) {
            ObjectNode mean = out.putObject(condition), abs = out.putObject(condition + "_abs");
            Map<Integer, Map<Double, List<Double>>> byLayer = new TreeMap<>();
            for (double alpha : alphas) {
                List<JsonNode> at = all.stream().filter(r -> condition.equals(r.path("condition").asText("id")))
                        .filter(r -> (r.has("alpha") ? r.path("alpha").asDouble() : mainAlpha) == alpha).toList();
                effects(at, frames).forEach((layer, v) -> byLayer.computeIfAbsent(layer, k -> new TreeMap<>()).put(alpha, v));
            }
            byLayer.forEach((layer, v) -> {
                ArrayNode m = mean.putArray(String.valueOf(layer)), b = abs.putArray(String.valueOf(layer));
                for (double alpha : alphas) {
                    List<Double> e = v.get(alpha);
                    Json.addFinite(m, e == null ? Double.NaN : e.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
                    Json.addFinite(b, e == null ? Double.NaN : e.stream().mapToDouble(Math::abs).average().orElse(Double.NaN));
                }
            });
        }
        return out;
    }
}
