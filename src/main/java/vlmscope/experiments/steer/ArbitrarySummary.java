package vlmscope.experiments.steer;

import vlmscope.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.experiments.ExperimentOutput;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Headline numbers of an arbitrary-steering run, from its records only. Grids are indexed {@code [y][x]} (row 0 =
 * top) over the target cell of the subject. Per layer: the mean probability of each answer word after steering
 * ({@code p_<word>}), and per ground-truth label the mean and sample std (ddof 1, as fig6_bcd) of the change in
 * each word's log-prob, signed {@code patched − original} (the paper's {@code original − patched} under
 * paperCompat; the field {@code sign} says which).
 *
 * <p>Specificity per layer ({@code specificity}), on the margin m = lp(first word) − lp(second word), changed by
 * Δm = patched − original per sample and averaged per target cell: {@code commonShift} = the mean Δm over all targets
 * (a shift every target causes alike, i.e. not steering to a place), {@code spread} = the largest minus the smallest
 * target mean; for left/right questions also {@code towardMinusAway} = the mean over targets of s·Δm with s = +1
 * for a target in the left half and −1 in the right half (the effect toward the target's side minus the effect
 * away from it; 0 when every target moves the answer alike) and {@code wrongDirectionTargets}, the targets whose s·Δm
 * is negative. Always signed patched − original.
 */
public final class ArbitrarySummary {

    private ArbitrarySummary() {
    }

    public static ObjectNode of(List<JsonNode> records, ArbitrarySteering.Mode mode, int m, boolean paperCompat) {
        Map<String, JsonNode> baseline = new HashMap<>();
        Map<Integer, List<JsonNode>> byLayer = new TreeMap<>();
        List<String> words = List.of();
        for (JsonNode r : records) {
            if (r.path("condition").asText().equals("none")) {
                baseline.put(r.path("sample").asText(), r);
                words = List.of(r.path("words").get(0).asText(), r.path("words").get(1).asText());
            } else {
                byLayer.computeIfAbsent(r.path("layer").asInt(), k -> new ArrayList<>()).add(r);
            }
        }
        double sign = paperCompat ? -1 : 1;
        ObjectNode out = ExperimentOutput.object();
        out.put("mode", mode.label());
        out.put("gridSize", m);
        ArrayNode w = out.putArray("words");
        words.forEach(w::add);
        out.put("sign", paperCompat ? "original - patched" : "patched - original");
        out.put("samples", baseline.size());
        ObjectNode base = out.putObject("baseline");
        for (int k = 0; k < words.size(); k++) {
            int wk = k;
            base.put("p_" + words.get(k), baseline.values().stream().mapToDouble(r -> Math.exp(ArbitrarySteering.lp(r)[wk]))
                    .average().orElse(Double.NaN));
        }
        ObjectNode layers = out.putObject("layers");
        for (var e : byLayer.entrySet()) {
            ObjectNode layer = layers.putObject(String.valueOf(e.getKey()));
            for (int k = 0; k < words.size(); k++) {
                int wk = k;
                layer.set("p_" + words.get(k), grid(m, collect(e.getValue(), m, r -> Math.exp(ArbitrarySteering.lp(r)[wk])), false));
            }
            layer.set("specificity", specificity(e.getValue(), baseline, words, m));
            ObjectNode byLabel = layer.putObject("byLabel");
            for (String label : new TreeSet<>(baseline.values().stream().map(r -> r.path("label").asText()).toList())) {
                List<JsonNode> rs = e.getValue().stream()
                        .filter(r -> r.path("label").asText().equals(label) && baseline.containsKey(r.path("sample").asText()))
                        .toList();
                ObjectNode l = byLabel.putObject(label);
                l.put("n", rs.stream().map(r -> r.path("sample").asText()).distinct().count());
                for (int k = 0; k < words.size(); k++) {
                    int wk = k;
                    List<Double>[][] delta = collect(rs, m, r -> sign
                            * (ArbitrarySteering.lp(r)[wk] - ArbitrarySteering.lp(baseline.get(r.path("sample").asText()))[wk]));
                    l.set("delta_" + words.get(k), grid(m, delta, false));
                    l.set("std_" + words.get(k), grid(m, delta, true));
                }
            }
        }
        return out;
    }

    /** The layer's specificity numbers (see the class comment). */
    static ObjectNode specificity(List<JsonNode> steered, Map<String, JsonNode> baseline, List<String> words, int m) {
        List<Double>[][] delta = collect(steered.stream().filter(r -> baseline.containsKey(r.path("sample").asText())).toList(), m,
                r -> margin(r) - margin(baseline.get(r.path("sample").asText())));
        ObjectNode out = ExperimentOutput.object();
        out.put("margin", "lp(" + words.get(0) + ") - lp(" + words.get(1) + "), patched - original");
        List<Double> means = new ArrayList<>();
        double toward = 0;
        int sided = 0, wrong = 0;
        boolean leftRight = words.equals(List.of("left", "right"));
        for (int y = 0; y < m; y++)
            for (int x = 0; x < m; x++) {
                double mean = SwapStatistics.mean(delta[y][x].stream().mapToDouble(Double::doubleValue).toArray());
                if (!Double.isFinite(mean)) continue;
                means.add(mean);
                int side = 2 * x + 1 < m ? 1 : 2 * x + 1 > m ? -1 : 0;   // left half +1, right half −1, odd middle 0
                if (side == 0) continue;
                toward += side * mean;
                sided++;
                if (side * mean < 0) wrong++;
            }
        double common = means.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        Json.putFinite(out, "commonShift", common);
        Json.putFinite(out, "spread", means.isEmpty() ? Double.NaN
                : means.stream().mapToDouble(Double::doubleValue).max().orElseThrow() - means.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        if (leftRight && sided > 0) {
            Json.putFinite(out, "towardMinusAway", toward / sided);
            out.put("wrongDirectionTargets", wrong);
            out.put("targets", sided);
        }
        return out;
    }

    private static double margin(JsonNode r) {
        double[] lp = ArbitrarySteering.lp(r);
        return lp[0] - lp[1];
    }

    @SuppressWarnings("unchecked")
    private static List<Double>[][] collect(List<JsonNode> rs, int m, java.util.function.ToDoubleFunction<JsonNode> value) {
        List<Double>[][] cells = new List[m][m];
        for (int y = 0; y < m; y++) for (int x = 0; x < m; x++) cells[y][x] = new ArrayList<>();
        for (JsonNode r : rs) cells[r.path("y").asInt()][r.path("x").asInt()].add(value.applyAsDouble(r));
        return cells;
    }

    private static ArrayNode grid(int m, List<Double>[][] cells, boolean std) {
        ArrayNode rows = ExperimentOutput.object().arrayNode();
        for (int y = 0; y < m; y++) {
            ArrayNode row = rows.addArray();
            for (int x = 0; x < m; x++) {
                double[] v = cells[y][x].stream().mapToDouble(Double::doubleValue).toArray();
                double s = std ? SwapStatistics.sampleStd(v) : SwapStatistics.mean(v);
                if (Double.isFinite(s)) row.add(s);
                else row.addNull();
            }
        }
        return rows;
    }
}
