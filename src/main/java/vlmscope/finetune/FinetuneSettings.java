package vlmscope.finetune;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.Json;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything that changes a fine-tuning run's numbers (stored in the results header; a resume requires equality).
 *
 * @param ids         the {@code ids.safetensors} of {@code vlmscope ids extract} on the same checkpoint
 * @param layer       block index L whose {@code resid_post} the spatial-ID loss reads (paper: HS[11] = block 10)
 * @param selector    parameter selector (paper: vision_mlp_lastk)
 * @param lastK       blocks the *_lastk selectors consider (paper: 6)
 * @param budget      trainable fraction of all scalars (paper: 0.3)
 * @param biasOnly    BitFit: biases only
 * @param lr          peak learning rate (paper: 5e-5)
 * @param weightDecay AdamW weight decay (paper: 0.01)
 * @param steps       optimizer steps per run
 * @param batch       items per batch (paper: 15)
 * @param evalEvery   evaluate every this many steps (paper: 200), and at step 0 and the end
 * @param evalGroups  held-out fixed-obj1 groups evaluated (all of their items)
 * @param idWeight    weight of the spatial-ID loss in the with-ID-loss arm (paper's scripts: 1)
 * @param seeds       data seeds; both arms run every seed
 * @param saveModels  write each fine-tuned checkpoint folder (does not change the numbers; not part of the header)
 */
public record FinetuneSettings(Path ids, int layer, String selector, int lastK, double budget, boolean biasOnly,
                               float lr, float weightDecay, int steps, int batch, int evalEvery, int evalGroups,
                               float idWeight, List<Long> seeds, boolean saveModels) {

    /** The two arms: plain fine-tuning and fine-tuning with the spatial-ID loss. */
    public record Arm(String name, float idWeight) {
    }

    public static final String BASELINE = "baseline", WITH_ID_LOSS = "id-loss";

    public List<Arm> arms() {
        return List.of(new Arm(BASELINE, 0f), new Arm(WITH_ID_LOSS, idWeight));
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("ids", ids.toString());
        o.put("layer", layer);
        o.put("selector", selector);
        o.put("last_k", lastK);
        o.put("budget", budget);
        o.put("bias_only", biasOnly);
        o.put("lr", lr);
        o.put("weight_decay", weightDecay);
        o.put("steps", steps);
        o.put("batch", batch);
        o.put("eval_every", evalEvery);
        o.put("eval_groups", evalGroups);
        o.put("id_weight", idWeight);
        o.set("seeds", Json.MAPPER.valueToTree(seeds));
        return o;
    }
}
