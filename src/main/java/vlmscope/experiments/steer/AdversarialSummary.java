package vlmscope.experiments.steer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.processing.Verdicts;
import vlmscope.experiments.ExperimentOutput;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Headline numbers of an adversarial-steering run, from its records only (docs/paper-mapping.md#steer-adversarial):
 * per layer and condition the % belief swapped, the answer accuracy and its drop from the baseline; the top-3
 * layers by ID swap ratio with mean ± population std, and the other conditions at the same layers; the Fig 9
 * point (baseline accuracy, mean ± std accuracy drop under ID steering over the steered layers).
 *
 * <p>Denominators. By default every condition is scored on the same samples: those whose baseline answer names one
 * choice (the ones ID steering can act on), and the accuracy drop compares baseline and steered accuracy on those
 * samples. With {@code paperCompat}, as the paper: noise (and cross/oracle) over every sample, and the baseline
 * accuracy over every sample (docs/paper-mapping.md#steer-adversarial, #paper-compat).
 */
public final class AdversarialSummary {

    private AdversarialSummary() {
    }

    /** One condition at one layer. */
    public record Cell(double swapRatio, int samples, double accuracy, double beliefAccuracy, double accuracyDrop) {
    }

    /** The summary as plain values plus the JSON written to summary.json. */
    public record Result(double baselineAccuracy, Map<String, Map<Integer, Cell>> byCondition, List<Integer> top3, ObjectNode json) {
    }

    /** ID swaps at least this often while noise swaps at most {@link #NOISE_AT_MOST}: the paper's contrast. */
    public static final double ID_AT_LEAST = 0.8, NOISE_AT_MOST = 0.1;

    /**
     * The summary at the run's α (records without an {@code "alpha"} field) and, when the run swept further α, the
     * dose–response: per α, condition and layer the % belief swapped, and per layer the smallest α at which ID
     * steering swaps ≥ {@link #ID_AT_LEAST} while noise swaps ≤ {@link #NOISE_AT_MOST} (null: no such α).
     */
    public static Result of(List<JsonNode> records, boolean paperCompat) {
        return of(records, paperCompat, Double.NaN);
    }

    /** As {@link #of(List, boolean)}, with the run's own α ({@code settings.alpha}) joining the dose–response. */
    public static Result of(List<JsonNode> records, boolean paperCompat, double mainAlpha) {
        List<JsonNode> main = records.stream().filter(r -> !r.has("alpha")).toList();
        Result result = atOneAlpha(main, paperCompat);
        java.util.TreeSet<Double> alphas = new java.util.TreeSet<>();
        records.stream().filter(r -> r.has("alpha")).forEach(r -> alphas.add(r.path("alpha").asDouble()));
        if (alphas.isEmpty()) return result;
        Map<Double, Map<String, Map<Integer, Cell>>> byAlpha = new TreeMap<>();
        List<JsonNode> baselines = main.stream().filter(r -> r.path("condition").asText().equals("none")).toList();
        for (double a : alphas) {
            List<JsonNode> at = new ArrayList<>(baselines);
            records.stream().filter(r -> r.has("alpha") && r.path("alpha").asDouble() == a).forEach(at::add);
            byAlpha.put(a, atOneAlpha(at, paperCompat).byCondition());
        }
        if (Double.isFinite(mainAlpha)) byAlpha.put(mainAlpha, result.byCondition());
        result.json().set("doseResponse", doseResponse(byAlpha));
        return result;
    }

    private static ObjectNode doseResponse(Map<Double, Map<String, Map<Integer, Cell>>> byAlpha) {
        ObjectNode d = ExperimentOutput.object();
        ArrayNode alphas = d.putArray("alphas");
        byAlpha.keySet().forEach(alphas::add);
        ObjectNode conditions = d.putObject("swapRatio");
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        java.util.TreeSet<Integer> layers = new java.util.TreeSet<>();
        byAlpha.values().forEach(c -> c.forEach((name, byLayer) -> {
            if (!name.equals("oracle")) names.add(name);
            layers.addAll(byLayer.keySet());
        }));
        for (String name : names) {
            ObjectNode byLayer = conditions.putObject(name);
            for (int layer : layers) {
                ArrayNode v = byLayer.putArray(String.valueOf(layer));
                for (var at : byAlpha.values()) {
                    Cell c = at.getOrDefault(name, Map.of()).get(layer);
                    if (c == null || !Double.isFinite(c.swapRatio())) v.addNull();
                    else v.add(c.swapRatio());
                }
            }
        }
        ObjectNode contrast = d.putObject("contrast");
        contrast.put("rule", "smallest alpha with id swapRatio >= " + ID_AT_LEAST + " and noise swapRatio <= " + NOISE_AT_MOST);
        ObjectNode perLayer = contrast.putObject("alphaByLayer");
        boolean any = false;
        for (int layer : layers) {
            Double found = null;
            for (var e : byAlpha.entrySet()) {
                Cell id = e.getValue().getOrDefault("id", Map.of()).get(layer);
                Cell noise = e.getValue().getOrDefault("noise", Map.of()).get(layer);
                if (id != null && noise != null && id.swapRatio() >= ID_AT_LEAST && noise.swapRatio() <= NOISE_AT_MOST) {
                    found = e.getKey();
                    break;
                }
            }
            if (found == null) perLayer.putNull(String.valueOf(layer));
            else perLayer.put(String.valueOf(layer), found);
            any |= found != null;
        }
        contrast.put("exists", any);
        return d;
    }

    private static Result atOneAlpha(List<JsonNode> records, boolean paperCompat) {
        Map<String, JsonNode> baseline = new HashMap<>();
        Map<String, Map<Integer, List<JsonNode>>> steered = new TreeMap<>();
        for (JsonNode r : records) {
            String condition = r.path("condition").asText();
            if (condition.equals("none")) baseline.put(r.path("sample").asText(), r);
            else if (!r.has("skipped")) {
                steered.computeIfAbsent(condition, k -> new TreeMap<>())
                        .computeIfAbsent(r.path("layer").asInt(), k -> new ArrayList<>()).add(r);
            }
        }
        List<JsonNode> all = new ArrayList<>(baseline.values());
        double baselineAccuracy = accuracy(all);
        Map<String, Map<Integer, Cell>> cells = new TreeMap<>();
        for (var byCondition : steered.entrySet()) {
            Map<Integer, Cell> layers = new TreeMap<>();
            for (var byLayer : byCondition.getValue().entrySet()) {
                List<JsonNode> rs = byLayer.getValue().stream()
                        .filter(r -> baseline.containsKey(r.path("sample").asText()))
                        .filter(r -> paperCompat || !baseline.get(r.path("sample").asText()).path("said").isNull())
                        .toList();
                if (rs.isEmpty()) continue;
                List<JsonNode> base = rs.stream().map(r -> baseline.get(r.path("sample").asText())).toList();
                double[] o = base.stream().mapToDouble(AdversarialSummary::margin).toArray();
                double[] n = rs.stream().mapToDouble(AdversarialSummary::margin).toArray();
                double acc = accuracy(rs);
                double reference = paperCompat ? baselineAccuracy : accuracy(base);
                layers.put(byLayer.getKey(), new Cell(SwapStatistics.swapRatio(o, n), rs.size(), acc, beliefAccuracy(rs), reference - acc));
            }
            cells.put(byCondition.getKey(), layers);
        }
        Map<Integer, Double> idSwap = swaps(cells.get("id"));
        Map<Integer, Double> noiseSwap = swaps(cells.get("noise"));
        List<Integer> top3 = cells.containsKey("noise") ? SwapStatistics.topLayers(idSwap, 3, noiseSwap)
                : SwapStatistics.topLayers(idSwap, 3);
        return new Result(baselineAccuracy, cells, top3, json(all, baselineAccuracy, cells, top3));
    }

    private static ObjectNode json(List<JsonNode> baseline, double baselineAccuracy, Map<String, Map<Integer, Cell>> cells,
                                   List<Integer> top3) {
        ObjectNode out = ExperimentOutput.object();
        ObjectNode b = out.putObject("baseline");
        b.put("samples", baseline.size());
        b.put("accuracy", baselineAccuracy);
        b.put("beliefAccuracy", beliefAccuracy(baseline));
        ObjectNode verdicts = b.putObject("verdicts");
        for (String v : List.of(Verdicts.CORRECT, Verdicts.WRONG, Verdicts.NONSENSE)) {
            verdicts.put(v, baseline.stream().filter(r -> r.path("verdict").asText().equals(v)).count());
        }
        b.put("ambiguousAnswers", baseline.stream().filter(r -> r.path("said").isNull()).count());
        ObjectNode layers = out.putObject("layers");
        for (var c : cells.entrySet()) {
            for (var l : c.getValue().entrySet()) {
                String layer = String.valueOf(l.getKey());
                ObjectNode perLayer = layers.has(layer) ? (ObjectNode) layers.get(layer) : layers.putObject(layer);
                ObjectNode cell = perLayer.putObject(c.getKey());
                Cell v = l.getValue();
                put(cell, "swapRatio", v.swapRatio());
                cell.put("samples", v.samples());
                put(cell, "accuracy", v.accuracy());
                put(cell, "beliefAccuracy", v.beliefAccuracy());
                put(cell, "accuracyDrop", v.accuracyDrop());
            }
        }
        ObjectNode top = out.putObject("top3");
        ArrayNode tl = top.putArray("layers");
        top3.forEach(tl::add);
        for (var c : cells.entrySet()) {
            double[] v = SwapStatistics.at(swaps(c.getValue()), top3);
            ObjectNode s = top.putObject(c.getKey());
            put(s, "meanSwapRatio", SwapStatistics.mean(v));
            put(s, "stdSwapRatio", SwapStatistics.populationStd(v));
        }
        if (cells.containsKey("id")) {
            double[] drops = cells.get("id").values().stream().mapToDouble(Cell::accuracyDrop).toArray();
            ObjectNode st = out.putObject("steerability");
            put(st, "baselineAccuracy", baselineAccuracy);
            put(st, "meanAccuracyDrop", SwapStatistics.mean(drops));
            put(st, "stdAccuracyDrop", SwapStatistics.populationStd(drops));
            st.put("note", "raw accuracy drop under ID steering, averaged over the steered layers; no noise subtraction");
        }
        return out;
    }

    static Map<Integer, Double> swaps(Map<Integer, Cell> byLayer) {
        Map<Integer, Double> out = new TreeMap<>();
        if (byLayer != null) byLayer.forEach((l, c) -> out.put(l, c.swapRatio()));
        return out;
    }

    static double margin(JsonNode r) {
        return r.path("lp").get(0).asDouble() - r.path("lp").get(1).asDouble();
    }

    private static double accuracy(List<JsonNode> rs) {
        if (rs.isEmpty()) return Double.NaN;
        return (double) rs.stream().filter(r -> r.path("verdict").asText().equals(Verdicts.CORRECT)).count() / rs.size();
    }

    private static double beliefAccuracy(List<JsonNode> rs) {
        if (rs.isEmpty()) return Double.NaN;
        return (double) rs.stream().filter(r -> margin(r) > 0).count() / rs.size();
    }

    private static void put(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) node.put(field, value);
        else node.putNull(field);
    }
}
