package vlmscope.train;

/**
 * Linear warm-up from 0 to {@code peak} over {@code warmup} steps, then cosine decay to {@code peak * floor}
 * at step {@code total}.
 */
public record LearningRateSchedule(float peak, int warmup, int total, float floor) {

    /** The learning rate of step {@code step} (0-based). */
    public float at(int step) {
        if (step < warmup) return peak * (step + 1) / warmup;
        double progress = total <= warmup ? 1 : Math.min(1.0, (step - warmup) / (double) (total - warmup));
        double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return (float) (peak * (floor + (1 - floor) * cosine));
    }
}
