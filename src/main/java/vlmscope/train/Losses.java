package vlmscope.train;

import ai.djl.ndarray.NDArray;
import vlmscope.train.OrganismParameters.DenseHeadShape;

/** The two training objectives, as {@link StepRunner.Loss}es. */
final class Losses {

    private Losses() {
    }

    /**
     * Dense vision pre-training: mean of four per-patch cross-entropies (kind, colour, row, column); accuracy is
     * reported on the kind labels.
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
            NDArray ce = TrainingForward.crossEntropy(part, targets);
            loss = loss == null ? ce : loss.add(ce);
            if (g == 0) {
                kindLogits = part;
                kindTargets = targets;
            }
            from += sizes[g];
        }
        return new StepRunner.Loss(loss.div(4f), kindLogits, kindTargets);
    }

    /** Next-token cross-entropy on the answer tokens only, averaged over the targets. */
    static StepRunner.Loss text(TrainingForward f, TextBatch batch, int imageId, boolean frozenVision) {
        return text(f, batch, imageId, frozenVision, false);
    }

    /**
     * Next-token cross-entropy on the answer tokens only: averaged over the targets, or, with {@code perExample},
     * averaged within each example and then over the examples.
     */
    static StepRunner.Loss text(TrainingForward f, TextBatch batch, int imageId, boolean frozenVision,
                                boolean perExample) {
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
        NDArray loss = perExample
                ? TrainingForward.weightedCrossEntropy(logits, batch.targetId(), batch.targetWeight())
                : TrainingForward.crossEntropy(logits, batch.targetId());
        return new StepRunner.Loss(loss, logits, batch.targetId());
    }
}
