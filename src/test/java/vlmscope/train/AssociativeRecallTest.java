package vlmscope.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import vlmscope.organism.OrganismSpec;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Go/no-go for the attention path (organism-notes): a 2-block decoder of the organism's architecture must learn
 * associative recall — 6 key→value pairs, then a query key; the answer is its value — a task that needs
 * content-based lookup. Chance is 1/6 (a value present in the context) at best.
 */
class AssociativeRecallTest {

    private static final int KEYS = 16, VALUES = 16, PAIRS = 6, FIRST_KEY = 5, FIRST_VALUE = FIRST_KEY + KEYS;

    @Test
    void twoBlockDecoderLearnsContentBasedLookup() {
        OrganismSpec spec = new OrganismSpec(32, 16, 16, 1, 2, 32, 64, 2, 4, 128, FIRST_VALUE + VALUES);
        try (NDManager root = Engine.getEngine("PyTorch").newBaseManager();
             OrganismParameters params = OrganismParameters.initialise(spec,
                     new OrganismParameters.DenseHeadShape(2, 2, 2), root, 7);
             AdamW adam = new AdamW(root, 0.9f, 0.98f, 1e-8f, 0.0f)) {
            TrainingForward forward = new TrainingForward(params);
            StepRunner runner = new StepRunner(forward, adam, 1.0f);
            List<Parameter> trainable = params.all().stream()
                    .filter(p -> p.group() == ParameterGroup.LANGUAGE).toList();
            LearningRateSchedule lr = new LearningRateSchedule(2e-3f, 30, 600, 0.1f);
            SplittableRandom rng = new SplittableRandom(11);
            double accuracy = 0;
            int step = 0;
            for (; step < 600 && accuracy < 0.95; step++) {
                int[][] ids = new int[64][];
                int[] targets = new int[64];
                for (int b = 0; b < 64; b++) targets[b] = sample(rng, ids, b);
                int[] batch = new int[64], position = new int[64];
                for (int b = 0; b < 64; b++) {
                    batch[b] = b;
                    position[b] = ids[b].length - 1;
                }
                StepRunner.Result r = runner.step(f -> {
                    NDArray hidden = f.decoder(f.embed(ids, null, 4));
                    NDArray logits = f.logitsAt(hidden, batch, position);
                    return new StepRunner.Loss(TrainingForward.crossEntropy(logits, targets), logits, targets);
                }, trainable, lr.at(step));
                double acc = r.correct() / (double) r.total();
                accuracy = step < 20 ? acc : 0.8 * accuracy + 0.2 * acc;
            }
            System.out.printf("associative recall: smoothed accuracy %.3f after %d steps%n", accuracy, step);
            assertTrue(accuracy >= 0.9, "accuracy " + accuracy + " after " + step + " steps");
        }
    }

    /** Fills ids[b] = BOS k1 v1 … k6 v6 q and returns the value bound to q. */
    private static int sample(SplittableRandom rng, int[][] ids, int b) {
        int[] keys = rng.ints(0, KEYS).distinct().limit(PAIRS).toArray();
        int[] seq = new int[2 + 2 * PAIRS];
        seq[0] = 2;
        int[] values = new int[PAIRS];
        for (int i = 0; i < PAIRS; i++) {
            values[i] = rng.nextInt(VALUES);
            seq[1 + 2 * i] = FIRST_KEY + keys[i];
            seq[2 + 2 * i] = FIRST_VALUE + values[i];
        }
        int q = rng.nextInt(PAIRS);
        seq[seq.length - 1] = FIRST_KEY + keys[q];
        ids[b] = seq;
        return FIRST_VALUE + values[q];
    }
}
