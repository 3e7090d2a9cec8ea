package vlmscope.train;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * How many steps each stage runs, with its batch size and learning-rate schedule. Steps are numbered globally;
 * each stage has its own warm-up (5% of the stage, at least 10 steps) and cosine decay to 10% of its peak.
 *
 * @param stages in order, contiguous from step 0
 */
public record TrainingPlan(List<StagePlan> stages) {

    /** One stage: global steps [start, start + steps). */
    public record StagePlan(Stage stage, int start, int steps, int batch, float peakLr) {
        public LearningRateSchedule schedule() {
            return new LearningRateSchedule(peakLr, Math.max(10, steps / 20), steps, 0.1f);
        }

        public int end() {
            return start + steps;
        }
    }

    public TrainingPlan {
        stages = List.copyOf(stages);
    }

    /**
     * {@code total} steps split 30% vision, 10% alignment, 60% instruction tuning (a vision step costs a fraction of a
     * text step), up to and including {@code last}; peak learning rate 1e-3 throughout.
     */
    public static TrainingPlan split(int total, int batch, Stage last) {
        int vision = Math.max(1, total * 3 / 10), align = Math.max(1, total / 10);
        int[] steps = {vision, align, Math.max(1, total - vision - align)};
        List<StagePlan> plans = new ArrayList<>();
        int start = 0;
        for (Stage s : Stage.values()) {
            if (s.ordinal() > last.ordinal()) break;
            plans.add(new StagePlan(s, start, steps[s.ordinal()], batch, 1e-3f));
            start += steps[s.ordinal()];
        }
        return new TrainingPlan(plans);
    }

    /** Instruction tuning alone for {@code steps} steps at peak {@code peakLr} (for a run started from a trained organism). */
    public static TrainingPlan instructOnly(int steps, int batch, float peakLr) {
        return new TrainingPlan(List.of(new StagePlan(Stage.INSTRUCT, 0, steps, batch, peakLr)));
    }

    public int total() {
        return stages.getLast().end();
    }

    /** The stage that runs global step {@code step}. */
    public StagePlan at(int step) {
        for (StagePlan p : stages) if (step < p.end()) return p;
        throw new IllegalArgumentException("step " + step + " is past the plan's " + total() + " steps");
    }

    public JsonNode toJson() {
        return Json.MAPPER.valueToTree(this);
    }

    public static TrainingPlan fromJson(JsonNode node) {
        return Json.MAPPER.convertValue(node, TrainingPlan.class);
    }
}
