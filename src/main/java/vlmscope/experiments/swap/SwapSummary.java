package vlmscope.experiments.swap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.analysis.BeliefShift;
import vlmscope.experiments.ExperimentOutput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Headline numbers of a swap sweep, from its records only: for each position set and answer label, the mean belief
 * shift per layer over samples with its sample standard deviation (ddof 1, as fig4.ipynb) and count, and the peak
 * mean with its layer. Undefined shifts (the counterfactual did not move that answer) are left out of the means;
 * under paper-compat they count as 0, as the paper's notebook does.
 */
public final class SwapSummary {

    private SwapSummary() {
    }

    /** One curve: layers ascending with mean, std and n of the shifts at each. */
    public record Curve(int[] layers, double[] mean, double[] std, int[] n) {

        /** Index of the highest finite mean, or -1 when none is finite. */
        public int peakIndex() {
            int best = -1;
            for (int i = 0; i < mean.length; i++) {
                if (Double.isFinite(mean[i]) && (best < 0 || mean[i] > mean[best])) best = i;
            }
            return best;
        }
    }

    /** Curves per set (in {@link PositionSet} order) and answer label (in first-seen order). */
    public static Map<PositionSet, Map<String, Curve>> curves(List<JsonNode> records, boolean paperCompat) {
        Map<PositionSet, Map<String, TreeMap<Integer, List<Double>>>> shifts = new TreeMap<>();
        for (JsonNode r : records) {
            PositionSet set = PositionSet.parse(r.path("set").asText());
            int layer = r.path("layer").asInt();
            for (JsonNode a : r.path("answers")) {
                double shift = a.path("shift").isNumber() ? a.path("shift").asDouble() : Double.NaN;
                if (paperCompat) shift = BeliefShift.paperCompatValue(shift);
                if (!Double.isFinite(shift)) continue;
                shifts.computeIfAbsent(set, k -> new java.util.LinkedHashMap<>())
                        .computeIfAbsent(a.path("label").asText(), k -> new TreeMap<>())
                        .computeIfAbsent(layer, k -> new ArrayList<>()).add(shift);
            }
        }
        Map<PositionSet, Map<String, Curve>> out = new TreeMap<>();
        shifts.forEach((set, byLabel) -> {
            Map<String, Curve> curves = new java.util.LinkedHashMap<>();
            byLabel.forEach((label, byLayer) -> curves.put(label, curve(byLayer)));
            out.put(set, curves);
        });
        return out;
    }

    private static Curve curve(TreeMap<Integer, List<Double>> byLayer) {
        int k = byLayer.size();
        int[] layers = new int[k], n = new int[k];
        double[] mean = new double[k], std = new double[k];
        int i = 0;
        for (var e : byLayer.entrySet()) {
            List<Double> v = e.getValue();
            layers[i] = e.getKey();
            n[i] = v.size();
            double m = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = v.stream().mapToDouble(x -> (x - m) * (x - m)).sum();
            mean[i] = m;
            std[i] = v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : Double.NaN;
            i++;
        }
        return new Curve(layers, mean, std, n);
    }

    /** summary.json: mode, samples, layer convention, and per set and label the peak and the curves. */
    public static ObjectNode of(JsonNode header, List<JsonNode> records) {
        JsonNode settings = header.path("settings");
        boolean paperCompat = settings.path("paper_compat").asBoolean();
        ObjectNode s = ExperimentOutput.object();
        s.put("experiment", SwapExperiment.NAME);
        s.put("mode", settings.path("mode").asText());
        s.put("model", header.path("model").asText());
        s.put("layer_convention", settings.path("layer_convention").asText());
        s.put("records", records.size());
        s.put("samples", records.stream().map(r -> r.path("sample").asText()).distinct().count());
        s.put("aggregation", paperCompat ? "undefined shifts counted as 0 (paper)" : "undefined shifts left out");
        ObjectNode sets = s.putObject("sets");
        curves(records, paperCompat).forEach((set, byLabel) -> {
            ObjectNode o = sets.putObject(set.cliName());
            byLabel.forEach((label, c) -> {
                ObjectNode l = o.putObject(label);
                int peak = c.peakIndex();
                number(l, "peak_mean_shift", peak < 0 ? Double.NaN : c.mean()[peak]);
                if (peak >= 0) l.put("peak_layer", c.layers()[peak]);
                else l.putNull("peak_layer");
                ArrayNode layers = l.putArray("layers"), mean = l.putArray("mean"), std = l.putArray("std"),
                        n = l.putArray("n");
                for (int i = 0; i < c.layers().length; i++) {
                    layers.add(c.layers()[i]);
                    add(mean, c.mean()[i]);
                    add(std, c.std()[i]);
                    n.add(c.n()[i]);
                }
            });
        });
        return s;
    }

    private static void number(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) o.put(name, v);
        else o.putNull(name);
    }

    private static void add(ArrayNode a, double v) {
        if (Double.isFinite(v)) a.add(v);
        else a.addNull();
    }
}
