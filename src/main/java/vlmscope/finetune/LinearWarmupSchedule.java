package vlmscope.finetune;

/**
 * HF's {@code get_linear_schedule_with_warmup} (docs/paper-mapping.md#finetune): linear from 0 to {@code peak} over
 * {@code warmup} steps, then linear to 0 at {@code total}; {@code warmup = int(0.03 · total)} in the paper.
 */
public record LinearWarmupSchedule(float peak, int warmup, int total) {

    /** The paper's warm-up length for {@code total} steps. */
    public static LinearWarmupSchedule paper(float peak, int total) {
        return new LinearWarmupSchedule(peak, (int) (0.03 * total), total);
    }

    /** The learning rate of the update after {@code step} completed updates (HF's lambda at that step). */
    public float at(int step) {
        if (step < warmup) return peak * step / Math.max(1, warmup);
        return peak * Math.max(0f, (total - step) / (float) Math.max(1, total - warmup));
    }
}
