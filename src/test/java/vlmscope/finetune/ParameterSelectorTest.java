package vlmscope.finetune;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import vlmscope.organism.OrganismSpec;
import vlmscope.train.DenseBatch;
import vlmscope.train.OrganismParameters;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterSelectorTest {

    /** The paper's selector (docs/paper-mapping.md#finetune): for Qwen2-VL-2B exactly the fc1/fc2 weights of vision blocks 26–31; the merger is excluded. */
    @Test
    void visionMlpLastkOnQwen2VlNamesPicksBlocks26To31() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (int b = 0; b < 32; b++) {
            String p = "visual.blocks." + b + ".";
            sizes.put(p + "mlp.fc1.weight", 1280L * 5120);
            sizes.put(p + "mlp.fc1.bias", 5120L);
            sizes.put(p + "mlp.fc2.weight", 5120L * 1280);
            sizes.put(p + "attn.qkv.weight", 1280L * 3840);
            sizes.put(p + "norm1.weight", 1280L);
        }
        sizes.put("visual.merger.mlp.0.weight", 5120L * 5120);
        for (int l = 0; l < 28; l++) sizes.put("model.layers." + l + ".mlp.up_proj.weight", 1536L * 8960 * 3);
        sizes.put("lm_head.weight", 151936L * 1536);
        List<String> chosen = ParameterSelector.select(sizes, ParameterSelector.Kind.VISION_MLP_LASTK, 6, 0.3, false, 0);
        Set<String> expected = new HashSet<>();
        for (int b = 26; b < 32; b++) {
            expected.add("visual.blocks." + b + ".mlp.fc1.weight");
            expected.add("visual.blocks." + b + ".mlp.fc2.weight");
        }
        assertEquals(expected, new HashSet<>(chosen));
    }

    @Test
    void organismSelectionsFollowTheHubNames() {
        try (NDManager root = Engine.getEngine("PyTorch").newBaseManager();
             OrganismParameters params = OrganismParameters.initialise(OrganismSpec.standard(87), DenseBatch.headShape(4), root, 1)) {
            Map<String, Long> sizes = TrainableCheckpoint.sizes(params);
            assertTrue(sizes.keySet().stream().noneMatch(n -> n.startsWith("dense_head")));
            Set<String> vision = new HashSet<>(ParameterSelector.select(sizes, ParameterSelector.Kind.VISION_MLP_LASTK, 6, 0.3, false, 0));
            Set<String> expected = new HashSet<>(List.of("multi_modal_projector.linear_1.weight", "multi_modal_projector.linear_1.bias",
                    "multi_modal_projector.linear_2.weight", "multi_modal_projector.linear_2.bias"));
            for (int l = 0; l < OrganismSpec.standard(87).visionLayers(); l++) { // k = 6 covers every ViT layer
                expected.add("vision_tower.vision_model.encoder.layers." + l + ".mlp.fc1.weight");
                expected.add("vision_tower.vision_model.encoder.layers." + l + ".mlp.fc2.weight");
            }
            assertEquals(expected, vision);
            // last 2 of 6 decoder blocks, SwiGLU weights only
            Set<String> lm = new HashSet<>(ParameterSelector.select(sizes, ParameterSelector.Kind.LM_MLP_LASTK, 2, 1.0, false, 0));
            assertEquals(6, lm.size());
            assertTrue(lm.stream().allMatch(n -> n.matches("language_model\\.model\\.layers\\.[45]\\.mlp\\.(gate|up|down)_proj\\.weight")));
            assertEquals(List.of("language_model.lm_head.weight"),
                    ParameterSelector.select(sizes, ParameterSelector.Kind.LM_HEAD_ONLY, 6, 0.3, false, 0));
            Set<String> bitfit = new HashSet<>(ParameterSelector.select(sizes, ParameterSelector.Kind.VISION_MLP_LASTK, 6, 0.3, true, 0));
            assertEquals(Set.of("multi_modal_projector.linear_1.bias", "multi_modal_projector.linear_2.bias"), bitfit);
        }
    }

    /** Largest first; a tensor that would break the budget is skipped and smaller ones still fit. */
    @Test
    void budgetIsGreedyBySize() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        sizes.put("multi_modal_projector.a.weight", 50L);
        sizes.put("multi_modal_projector.b.weight", 40L);
        sizes.put("multi_modal_projector.c.weight", 20L);
        sizes.put("other.weight", 90L);
        // total 200, budget 0.35 → 70: 50 fits, 40 does not, 20 fits
        assertEquals(List.of("multi_modal_projector.a.weight", "multi_modal_projector.c.weight"),
                ParameterSelector.select(sizes, ParameterSelector.Kind.VISION_MLP_LASTK, 6, 0.35, false, 0));
    }
}
