package vlmscope.train;

import ai.djl.ndarray.NDArray;
import vlmscope.train.OrganismParameters.DenseHeadShape;

/** The two training objectives, as {@link StepRunner.Loss}es. */
final class Losses {

    private Losses() {
    }

    /**
     * Dense vision pre-training: mean of four per-patch cross-entropies (kind, colour, row, column); accuracy is
     * reported on the kind labels. Kind and colour are class-balanced between the patches where an object is centred
     * and the empty ones (each side weighs one half), since most patches are empty and an unweighted mean leaves the
     * object patches — the ones the decoder must later recognise — a small share of the signal.
     */
    static StepRunner.Loss dense(TrainingForward f, DenseBatch batch, DenseHeadShape head) {
        int canvas = f.spec().canvas();
        NDArray px = Trainer.pixels(f.manager(), batch.pixels(), batch.images(), canvas);      // [N, 3, S, S]
        NDArray logits = f.denseHead(f.visionFeatures(px));                                    // [N, P, O]
        long rows = logits.getShape().get(0) * logits.getShape().get(1);
        logits = logits.reshape(rows, head.outputs());                                         // [N*P, O]
        int[] sizes = {head.kinds() + 1, head.colours() + 1, head.grid(), head.grid()};
        NDArray loss = null;
        NDArray kindLogits = null;
        int[] kindTargets = null;
        int from = 0;
        for (int g = 0; g < 4; g++) {
            NDArray part = logits.get(":, " + from + ":" + (from + sizes[g]));                 // [N*P, sizes[g]]
            int[] targets = new int[(int) rows];
            for (int r = 0; r < rows; r++) targets[r] = batch.labels()[r * 4 + g];
            NDArray ce = g < 2 ? TrainingForward.weightedCrossEntropy(part, targets, balancedWeights(targets, sizes[g] - 1))
                    : TrainingForward.crossEntropy(part, targets);
            loss = loss == null ? ce : loss.add(ce);
            if (g == 0) {
                kindLogits = part;
                kindTargets = targets;
            }
            from += sizes[g];
        }
        return new StepRunner.Loss(loss.div(4f), kindLogits, kindTargets);
    }

    /** Weights [K] summing to 1 that give the rows labelled {@code empty} one half and the others the other half. */
    static float[] balancedWeights(int[] targets, int empty) {
        int empties = 0;
        for (int t : targets) if (t == empty) empties++;
        int objects = targets.length - empties;
        float[] w = new float[targets.length];
        for (int i = 0; i < targets.length; i++) {
            boolean isEmpty = targets[i] == empty;
            int same = isEmpty ? empties : objects, other = targets.length - same;
            w[i] = (other == 0 ? 1f : 0.5f) / same;
        }
        return w;
    }

    /**
     * Next-token cross-entropy on the answer tokens only, averaged within each example and then over the examples, so
     * that every example weighs the same whatever its answer length.
     */
    static StepRunner.Loss text(TrainingForward f, TextBatch batch, int imageId, boolean frozenVision) {
        NDArray imageTokens = null;
        if (batch.images() > 0) {
            NDArray px = Trainer.pixels(f.manager(), batch.pixels(), batch.images(), f.spec().canvas());
            NDArray features = f.visionFeatures(px);                                           // [N, P, E]
            if (frozenVision) features = features.stopGradient();
            NDArray projected = f.project(features);                                           // [N, P, d]
            imageTokens = projected.reshape(-1, f.spec().textHidden());                        // [N*P, d]
        }
        NDArray hidden = f.decoder(f.embed(batch.ids(), imageTokens, imageId));                // [B, T, d]
        NDArray logits = f.logitsAt(hidden, batch.targetBatch(), batch.targetPosition());      // [K, V]
        NDArray loss = TrainingForward.weightedCrossEntropy(logits, batch.targetId(), batch.targetWeight());
        return new StepRunner.Loss(loss, logits, batch.targetId());
    }
}
