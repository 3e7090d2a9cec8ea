package vlmscope.experiments.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.analysis.MannWhitney;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One diagnosis quantity (margin, sensitivity) of many records split by the answer's verdict: correct, wrong, or
 * nonsense (a verdict that is not true/false: the answer named neither relation).
 */
final class VerdictGroups {

    private final String quantity;
    private final List<Double> correct = new ArrayList<>();
    private final List<Double> wrong = new ArrayList<>();
    private int nonsense;

    /** @param quantity the record field read, also the summary's name for it */
    VerdictGroups(String quantity) {
        this.quantity = quantity;
    }

    /** Adds the record's quantity to the group of its verdict; a record without a true/false verdict counts as nonsense. */
    void add(JsonNode record) {
        JsonNode v = record.path("verdict");
        if (v.isBoolean()) (v.asBoolean() ? correct : wrong).add(record.path(quantity).asDouble());
        else nonsense++;
    }

    /** The quantity of the correct answers, in record order (read-only). */
    List<Double> correct() {
        return Collections.unmodifiableList(correct);
    }

    /** The quantity of the wrong answers, in record order (read-only). */
    List<Double> wrong() {
        return Collections.unmodifiableList(wrong);
    }

    /** Counts, accuracy, group means and the Mann–Whitney tests of {@code correct} vs {@code wrong}. */
    void putInto(ObjectNode node) {
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
            String name = alt.name().toLowerCase(Locale.ROOT).replace('_', '-');
            mw.put("U", r.u());
            mw.put("method", r.method().name().toLowerCase(Locale.ROOT));
            mw.put("p_" + name, r.p());
        }
    }
}
