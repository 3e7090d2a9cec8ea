package vlmscope.experiments.swap;

import vlmscope.Json;
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
 *
 * <p>A mean of ratios is fragile when the counterfactual barely moves an answer (c − i ≈ 0: a handful of samples
 * with tiny denominators dominate it). Beside the mean, each curve therefore also reports, over the samples whose
 * |c − i| is at least {@code min_denominator} ({@link #DEFAULT_MIN_DENOMINATOR} nats unless chosen otherwise): the
 * median shift, the mean shift, the pooled ratio Σ s·(c − p) / Σ |c − i| with s = sign(c − i) (the |c − i|-weighted
 * mean of the shifts, which a tiny denominator cannot dominate), and how many samples the threshold excluded.
 */
public final class SwapSummary {

    /** Default threshold on |c − i| (nats) below which a sample is left out of the robust statistics. */
    public static final double DEFAULT_MIN_DENOMINATOR = 0.1;

    private SwapSummary() {
    }

    /**
     * Robust statistics of one curve (layers ascending): over samples with |c − i| ≥ the threshold, the median and
     * mean shift and the pooled ratio; {@code kept} and {@code excluded} count samples on either side of it.
     */
    public record Robust(int[] layers, double[] median, double[] mean, double[] pooled, int[] kept, int[] excluded) {
    }

    /** Robust curves per set and answer label, from the clean / counterfactual / patched log-probs of the records. */
    public static Map<PositionSet, Map<String, Robust>> robust(List<JsonNode> records, double minDenominator) {
        Map<PositionSet, Map<String, TreeMap<Integer, List<double[]>>>> parts = new TreeMap<>();
        for (JsonNode r : records) {
            PositionSet set = PositionSet.parse(r.path("set").asText());
            int layer = r.path("layer").asInt();
            for (JsonNode a : r.path("answers")) {
                double c = a.path("clean").asDouble(), i = a.path("counterfactual").asDouble(), p = a.path("patched").asDouble();
                parts.computeIfAbsent(set, k -> new java.util.LinkedHashMap<>())
                        .computeIfAbsent(a.path("label").asText(), k -> new TreeMap<>())
                        .computeIfAbsent(layer, k -> new ArrayList<>()).add(new double[] {c - p, c - i});   // [numerator, denominator]
            }
        }
        Map<PositionSet, Map<String, Robust>> out = new TreeMap<>();
        parts.forEach((set, byLabel) -> {
            Map<String, Robust> curves = new java.util.LinkedHashMap<>();
            byLabel.forEach((label, byLayer) -> curves.put(label, robustCurve(byLayer, minDenominator)));
            out.put(set, curves);
        });
        return out;
    }

    private static Robust robustCurve(TreeMap<Integer, List<double[]>> byLayer, double minDenominator) {
        int k = byLayer.size();
        int[] layers = new int[k], kept = new int[k], excluded = new int[k];
        double[] median = new double[k], mean = new double[k], pooled = new double[k];
        int li = 0;
        for (var e : byLayer.entrySet()) {
            List<Double> shifts = new ArrayList<>();
            double num = 0, den = 0;
            for (double[] nd : e.getValue()) {
                if (!(Math.abs(nd[1]) >= minDenominator) || nd[1] == 0) {   // c = i: no shift is defined
                    excluded[li]++;
                    continue;
                }
                shifts.add(nd[0] / nd[1]);
                num += Math.signum(nd[1]) * nd[0];
                den += Math.abs(nd[1]);
            }
            layers[li] = e.getKey();
            kept[li] = shifts.size();
            median[li] = median(shifts);
            mean[li] = shifts.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            pooled[li] = shifts.isEmpty() ? Double.NaN : num / den;
            li++;
        }
        return new Robust(layers, median, mean, pooled, kept, excluded);
    }

    /** Median (mean of the middle two for an even count); NaN when empty. */
    static double median(List<Double> values) {
        if (values.isEmpty()) return Double.NaN;
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
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
        return of(header, records, DEFAULT_MIN_DENOMINATOR);
    }

    /** As {@link #of(JsonNode, List)} with the robust statistics' threshold on |c − i| given. */
    public static ObjectNode of(JsonNode header, List<JsonNode> records, double minDenominator) {
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
        s.put("min_denominator", minDenominator);
        s.put("robust", "over samples with |c - i| >= min_denominator: median and mean shift, pooled ratio"
                + " sum(sign(c - i)(c - p)) / sum|c - i|, and the count excluded");
        Map<PositionSet, Map<String, Robust>> robust = robust(records, minDenominator);
        ObjectNode sets = s.putObject("sets");
        curves(records, paperCompat).forEach((set, byLabel) -> {
            ObjectNode o = sets.putObject(set.cliName());
            byLabel.forEach((label, c) -> {
                ObjectNode l = o.putObject(label);
                int peak = c.peakIndex();
                Json.putFinite(l, "peak_mean_shift", peak < 0 ? Double.NaN : c.mean()[peak]);
                if (peak >= 0) l.put("peak_layer", c.layers()[peak]);
                else l.putNull("peak_layer");
                ArrayNode layers = l.putArray("layers"), mean = l.putArray("mean"), std = l.putArray("std"),
                        n = l.putArray("n");
                for (int i = 0; i < c.layers().length; i++) {
                    layers.add(c.layers()[i]);
                    Json.addFinite(mean, c.mean()[i]);
                    Json.addFinite(std, c.std()[i]);
                    n.add(c.n()[i]);
                }
                Robust r = robust.get(set).get(label);
                ArrayNode median = l.putArray("median_kept"), meanKept = l.putArray("mean_kept"),
                        pooled = l.putArray("pooled"), kept = l.putArray("n_kept"), excluded = l.putArray("n_excluded");
                for (int layer : c.layers()) {
                    int i = java.util.Arrays.binarySearch(r.layers(), layer);   // the same layers, ascending
                    Json.addFinite(median, r.median()[i]);
                    Json.addFinite(meanKept, r.mean()[i]);
                    Json.addFinite(pooled, r.pooled()[i]);
                    kept.add(r.kept()[i]);
                    excluded.add(r.excluded()[i]);
                }
            });
        });
        return s;
    }
}
