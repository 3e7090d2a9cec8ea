package vlmscope.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;

import java.util.List;
import java.util.function.Function;

/**
 * One optimisation step: forward under a GradientCollector, backward, global-norm clipping, a NaN guard and an
 * AdamW update of the trainable parameters, all inside one NDScope.
 */
public final class StepRunner {

    /** What a forward returns: the scalar loss and, for accuracy, the logits [K, C] with their targets [K]. */
    public record Loss(NDArray loss, NDArray logits, int[] targets) {
    }

    /**
     * @param loss     the step's loss
     * @param gradNorm global gradient norm before clipping
     * @param skipped  true when the loss or gradient was not finite and no update was made
     * @param correct  argmax hits among {@code total} targets
     * @param hits     [total] whether each target's argmax was right
     */
    public record Result(float loss, float gradNorm, boolean skipped, int correct, int total, boolean[] hits) {
    }

    private final TrainingForward forward;
    private final AdamW optimiser;
    private final float clipNorm;
    private long forwardNanos, backwardNanos, updateNanos;

    public StepRunner(TrainingForward forward, AdamW optimiser, float clipNorm) {
        this.forward = forward;
        this.optimiser = optimiser;
        this.clipNorm = clipNorm;
    }

    public Result step(Function<TrainingForward, Loss> lossOf, List<Parameter> trainable, float lr) {
        try (NDScope ignored = new NDScope()) {
            Loss loss;
            long t0 = System.nanoTime(), t1;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                loss = lossOf.apply(forward);
                t1 = System.nanoTime();
                collector.backward(loss.loss());
            }
            long t2 = System.nanoTime();
            forwardNanos += t1 - t0;
            backwardNanos += t2 - t1;
            float value = loss.loss().getFloat();
            boolean[] hits = hits(loss.logits(), loss.targets());
            int correct = 0;
            for (boolean h : hits) if (h) correct++;
            float norm = AdamW.gradientNorm(trainable);
            if (!Float.isFinite(value) || !Float.isFinite(norm)) {
                AdamW.zeroGradients(trainable);
                return new Result(value, norm, true, correct, loss.targets().length, hits);
            }
            float scale = norm > clipNorm ? clipNorm / norm : 1f;
            optimiser.step(trainable, lr, scale);
            updateNanos += System.nanoTime() - t2;
            return new Result(value, norm, false, correct, loss.targets().length, hits);
        }
    }

    /**
     * Seconds spent so far in the forward pass (libtorch runs eagerly on the CPU, so wall time is compute time), in
     * backward, and in clipping + AdamW.
     */
    public double[] secondsForwardBackwardUpdate() {
        return new double[]{forwardNanos / 1e9, backwardNanos / 1e9, updateNanos / 1e9};
    }

    /** Whether each row of logits [K, C] has its argmax at the target; [K]. */
    public static boolean[] hits(NDArray logits, int[] targets) {
        long[] argmax = logits.argMax(-1).toLongArray();
        boolean[] hits = new boolean[targets.length];
        for (int i = 0; i < targets.length; i++) hits[i] = argmax[i] == targets[i];
        return hits;
    }
}
