package vlmscope.experiments.steer;

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
