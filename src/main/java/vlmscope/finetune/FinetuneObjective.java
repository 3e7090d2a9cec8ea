package vlmscope.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import vlmscope.experiments.ids.SpatialIdFile;
import vlmscope.train.EncodedExample;
import vlmscope.train.ExampleEncoder;
import vlmscope.train.TextBatch;
import vlmscope.train.TrainingForward;

import java.util.ArrayList;
import java.util.List;

/**
 * The fine-tuning losses of one batch (docs/paper-mapping.md#finetune): next-token cross-entropy on the answer token, and the
 * spatial-ID loss at block {@code layer}: obj2's representation at its LAST occurrence in each prompt, centred over
 * the batch, against the universal ID of obj2's cell, {@code 1 − mean cos}. Both are always computed (the baseline
 * arm logs the ID loss it does not train on).
 */
public final class FinetuneObjective {

    /** A batch as the model reads it, with obj2's position and the universal ID of its cell per item. */
    public record Batch(TextBatch text, int[] objectPosition, float[][] universal) {
    }

    /**
     * @param lm      scalar LM loss
     * @param id      scalar spatial-ID loss, or null when fewer than two items locate obj2
     * @param logits  [K, V] answer-token logits, with their {@code targets} [K]
     */
    public record Parts(NDArray lm, NDArray id, NDArray logits, int[] targets) {
    }

    private final TrainingForward forward;
    private final ExampleEncoder encoder;
    private final SpatialIdFile ids;
    private final int layer;
    private final TrainableCheckpoint checkpoint;

    public FinetuneObjective(TrainingForward forward, ExampleEncoder encoder,
                             SpatialIdFile ids, int layer, TrainableCheckpoint checkpoint) {
        this.forward = forward;
        this.encoder = encoder;
        this.ids = ids;
        this.layer = layer;
        this.checkpoint = checkpoint;
    }

    /** Tokenises and renders {@code items}; obj2's position is its last prompt occurrence (−1 when absent). */
    public Batch encode(List<PairItem> items) {
        List<EncodedExample> encoded = new ArrayList<>();
        int[] positions = new int[items.size()];
        float[][] universal = new float[items.size()][];
        for (int i = 0; i < items.size(); i++) {
            PairItem item = items.get(i);
            EncodedExample e = encoder.encode(item.example());
            encoded.add(e);
            int[] word = encoder.wordIds(item.obj2());
            int target = word[word.length - 1];
            positions[i] = -1;
            for (int j = 0; j < e.promptLength(); j++) if (e.ids()[j] == target) positions[i] = j;
            universal[i] = ids.universal(layer, item.x2(), item.y2());
        }
        return new Batch(TextBatch.of(encoded, checkpoint.padId()), positions, universal);
    }

    /** The losses of {@code batch}; with {@code frozenVision} no gradient flows into the ViT. */
    public Parts losses(Batch batch, boolean frozenVision) {
        TextBatch text = batch.text();
        NDManager m = forward.manager();
        int canvas = forward.spec().canvas();
        NDArray pixels = m.create(text.pixels(), new Shape(text.images(), 3, canvas, canvas));   // [N, 3, S, S]
        NDArray features = forward.visionFeatures(pixels);                                      // [N, P, E]
        if (frozenVision) features = features.stopGradient();
        NDArray imageTokens = forward.project(features).reshape(-1, forward.spec().textHidden()); // [N*P, d]
        TrainingForward.Tapped hidden = forward.decoder(forward.embed(text.ids(), imageTokens, checkpoint.imageId()), layer);
        NDArray logits = forward.logitsAt(hidden.last(), text.targetBatch(), text.targetPosition()); // [K, V]
        NDArray lm = TrainingForward.crossEntropy(logits, text.targetId());
        NDArray id = spatialIdLoss(hidden.tapped(), batch.objectPosition(), batch.universal());
        return new Parts(lm, id, logits, text.targetId());
    }

    /**
     * {@code 1 − mean_i cos(s_i, U_i)} with {@code s_i = e_i − mean_j e_j} over the items that locate obj2
     * (torch's cosine_similarity: each norm clamped at 1e-8); null when fewer than two do.
     *
     * @param hidden    [B, T, d]
     * @param positions [B] obj2's position per item, −1 to skip
     * @param universal [B][d] target IDs
     */
    public static NDArray spatialIdLoss(NDArray hidden, int[] positions, float[][] universal) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < positions.length; i++) if (positions[i] >= 0 && positions[i] < hidden.getShape().get(1)) kept.add(i);
        if (kept.size() < 2) return null;
        int n = kept.size(), d = universal[kept.getFirst()].length;
        int[] rows = new int[n], cols = new int[n];
        float[] targets = new float[n * d];
        for (int k = 0; k < n; k++) {
            rows[k] = kept.get(k);
            cols[k] = positions[rows[k]];
            System.arraycopy(universal[rows[k]], 0, targets, k * d, d);
        }
        NDManager m = hidden.getManager();
        NDArray e = hidden.get(new NDIndex("{}, {}", m.create(rows), m.create(cols)));          // [n, d]
        NDArray s = e.sub(e.mean(new int[]{0}, true));                                          // [n, d]
        NDArray u = m.create(targets, new Shape(n, d));                                          // [n, d]
        NDArray dot = s.mul(u).sum(new int[]{1});                                                // [n]
        NDArray norms = s.square().sum(new int[]{1}).sqrt().maximum(1e-8f)
                .mul(u.square().sum(new int[]{1}).sqrt().maximum(1e-8f));                      // [n]
        return dot.div(norms).mean().neg().add(1f);
    }
}
