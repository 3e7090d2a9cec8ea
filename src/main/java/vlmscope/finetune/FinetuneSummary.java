package vlmscope.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The slides' table from the fine-tuning records: per arm and evaluated step, the held-out LM loss, spatial-ID loss
 * and accuracy as mean ± sample standard deviation (n − 1; 0 for one seed) over seeds; and the ID loss's effect
 * ({@link FinetuneEffect}: the paired accuracy difference with its 95% t interval, and whether the ID loss fell).
 */
public final class FinetuneSummary {

    /** The measured columns of the table. */
    public static final List<String> METRICS = List.of("lm_loss", "id_loss", "accuracy");
    private static final ObjectMapper JSON = Json.MAPPER;

    private FinetuneSummary() {
    }

    /** Mean and standard deviation of one metric at one step of one arm over {@code n} seeds. */
    public record Cell(double mean, double std, int n) {
        static Cell of(List<Double> values) {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Cell(mean, values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : 0, values.size());
        }
    }

    /** arm → step → metric → cell. */
    public static Map<String, TreeMap<Integer, Map<String, Cell>>> table(List<JsonNode> records) {
        Map<String, TreeMap<Integer, Map<String, List<Double>>>> values = new TreeMap<>();
        for (JsonNode r : records) {
            Map<String, List<Double>> at = values.computeIfAbsent(r.get("arm").asText(), a -> new TreeMap<>())
                    .computeIfAbsent(r.get("step").asInt(), s -> new TreeMap<>());
            for (String m : METRICS) at.computeIfAbsent(m, k -> new ArrayList<>()).add(r.get(m).asDouble());
        }
        Map<String, TreeMap<Integer, Map<String, Cell>>> out = new TreeMap<>();
        values.forEach((arm, steps) -> {
            TreeMap<Integer, Map<String, Cell>> cells = new TreeMap<>();
            steps.forEach((step, metrics) -> {
                Map<String, Cell> row = new TreeMap<>();
                metrics.forEach((m, v) -> row.put(m, Cell.of(v)));
                cells.put(step, row);
            });
            out.put(arm, cells);
        });
        return out;
    }

    /** summary.json: settings, the table and each arm's final row. */
    public static ObjectNode of(List<JsonNode> records, FinetuneSettings settings) {
        ObjectNode s = JSON.createObjectNode();
        s.put("experiment", FinetuneExperiment.NAME);
        s.set("settings", settings.toJson());
        s.put("std", "sample standard deviation over seeds (n - 1)");
        ObjectNode table = s.putObject("table");
        ObjectNode finals = s.putObject("final");
        table(records).forEach((arm, steps) -> {
            ArrayNode rows = table.putArray(arm);
            steps.forEach((step, metrics) -> {
                ObjectNode row = rows.addObject();
                row.put("step", step);
                metrics.forEach((m, c) -> {
                    row.put(m + "_mean", c.mean());
                    row.put(m + "_std", c.std());
                });
                row.put("seeds", metrics.get("accuracy").n());
            });
            finals.set(arm, rows.get(rows.size() - 1));
        });
        FinetuneEffect effect = FinetuneEffect.of(records);
        if (effect != null) s.set("effect", effect.json());
        return s;
    }
}
