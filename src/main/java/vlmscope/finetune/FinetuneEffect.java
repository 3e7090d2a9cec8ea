package vlmscope.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.Json;
import vlmscope.analysis.TInterval;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the spatial-ID loss did, from the fine-tuning records (§8 of the paper):
 * <ul>
 *   <li>the accuracy difference at the last evaluated step, id-loss arm minus baseline (LM-only) arm, paired by seed
 *       (both arms of a seed start from the same weights and see the same batches), with its mean and the 95% t
 *       interval over seeds ({@link TInterval}, n − 1 degrees of freedom; none for one seed);</li>
 *   <li>whether the id-loss arm's held-out spatial-ID loss fell: per seed, its value at the last step minus that at
 *       the first evaluated step, with the same t interval; it fell when every seed's change is negative.</li>
 * </ul>
 *
 * @param step              the last evaluated step common to both arms of every seed
 * @param accuracyDiffs     per seed, id-loss minus baseline accuracy at {@code step}
 * @param accuracy          the t interval of those differences
 * @param firstStep         the first evaluated step
 * @param idLossChanges     per seed, the id-loss arm's id loss at {@code step} minus at {@code firstStep}
 * @param idLoss            the t interval of those changes
 */
public record FinetuneEffect(int step, Map<Long, Double> accuracyDiffs, TInterval accuracy, int firstStep,
                             Map<Long, Double> idLossChanges, TInterval idLoss) {

    /** Confidence level of the intervals. */
    public static final double LEVEL = 0.95;

    /** The effect, or null when no seed has both arms evaluated at a common step. */
    public static FinetuneEffect of(List<JsonNode> records) {
        Map<String, Map<Long, TreeMap<Integer, JsonNode>>> byArm = new TreeMap<>();   // arm → seed → step → record
        for (JsonNode r : records) {
            byArm.computeIfAbsent(r.path("arm").asText(), a -> new TreeMap<>())
                    .computeIfAbsent(r.path("seed").asLong(), s -> new TreeMap<>()).put(r.path("step").asInt(), r);
        }
        Map<Long, TreeMap<Integer, JsonNode>> base = byArm.get(FinetuneSettings.BASELINE), id = byArm.get(FinetuneSettings.WITH_ID_LOSS);
        if (base == null || id == null) return null;
        int step = Integer.MAX_VALUE, first = Integer.MAX_VALUE;
        for (long seed : id.keySet()) {
            if (!base.containsKey(seed)) continue;
            step = Math.min(step, Math.min(base.get(seed).lastKey(), id.get(seed).lastKey()));
            first = Math.min(first, id.get(seed).firstKey());
        }
        if (step == Integer.MAX_VALUE) return null;
        Map<Long, Double> diffs = new TreeMap<>(), changes = new TreeMap<>();
        for (long seed : id.keySet()) {
            JsonNode withId = id.get(seed).get(step), without = base.containsKey(seed) ? base.get(seed).get(step) : null;
            if (withId == null || without == null) continue;
            diffs.put(seed, withId.path("accuracy").asDouble() - without.path("accuracy").asDouble());
            JsonNode start = id.get(seed).get(first);
            if (start != null) changes.put(seed, withId.path("id_loss").asDouble(Double.NaN) - start.path("id_loss").asDouble(Double.NaN));
        }
        return new FinetuneEffect(step, diffs, interval(diffs), first, changes, interval(changes));
    }

    private static TInterval interval(Map<Long, Double> values) {
        return TInterval.of(values.values().stream().mapToDouble(Double::doubleValue).toArray(), LEVEL);
    }

    /** The ID loss fell in every seed. */
    public boolean idLossFell() {
        return !idLossChanges.isEmpty() && idLossChanges.values().stream().allMatch(v -> v < 0);
    }

    /** The 95% interval of the accuracy difference excludes 0. */
    public boolean accuracyDiffers() {
        return accuracy.low() > 0 || accuracy.high() < 0;
    }

    public ObjectNode json() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("step", step);
        ObjectNode a = o.putObject("accuracy_difference");
        a.put("definition", "id-loss arm minus baseline (LM-only) arm, held-out accuracy at the last evaluated step, paired by seed");
        put(a, diffs(accuracyDiffs), accuracy);
        ObjectNode l = o.putObject("id_loss_change");
        l.put("definition", "id-loss arm's held-out spatial-ID loss at the last evaluated step minus at step " + firstStep);
        l.put("first_step", firstStep);
        put(l, diffs(idLossChanges), idLoss);
        l.put("fell", idLossFell());
        o.put("interval", "95% t interval over seeds: mean ± t(0.975, n - 1) · s / sqrt(n), s the sample std");
        return o;
    }

    private static ArrayNode diffs(Map<Long, Double> values) {
        ArrayNode a = Json.array();
        values.forEach((seed, v) -> {
            ObjectNode e = a.addObject();
            e.put("seed", seed);
            Json.putFinite(e, "value", v);
        });
        return a;
    }

    private static void put(ObjectNode o, ArrayNode perSeed, TInterval ci) {
        o.set("per_seed", perSeed);
        o.put("seeds", ci.n());
        Json.putFinite(o, "mean", ci.mean());
        Json.putFinite(o, "std", ci.std());
        Json.putFinite(o, "ci95_low", ci.low());
        Json.putFinite(o, "ci95_high", ci.high());
    }
}
