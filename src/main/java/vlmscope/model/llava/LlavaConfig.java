package vlmscope.model.llava;

import vlmscope.model.Activation;
import vlmscope.model.Checkpoint;
import vlmscope.model.ConfigReader;
import vlmscope.model.TextConfig;
import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.VlmscopeException;

import java.nio.file.Path;

/**
 * A LLaVA-1.5 checkpoint's configuration ({@code model_type: llava}) with every HF default filled in.
 *
 * @param visionFeatureLayer index into CLIP's {@code hidden_states} tuple (num_layers + 1 entries; negative counts
 *                           from the end), as HF's {@code vision_feature_layer}
 * @param selectStrategy     "default" drops the CLS row, "full" keeps it
 */
public record LlavaConfig(String modelType, int imageTokenIndex, int padTokenId, String projectorHiddenAct,
                          int visionFeatureLayer, String selectStrategy, boolean projectorBias,
                          VisionConfig vision, TextConfig text) {

    /** Reads {@code dir/config.json}. */
    public static LlavaConfig load(Path dir) {
        return from(Checkpoint.open(dir).reader());
    }

    static LlavaConfig from(ConfigReader c) {
        String modelType = c.getString("model_type", null);
        if (!"llava".equals(modelType)) {
            throw VlmscopeException.badInput(c.file(), "model_type '" + modelType + "' is not LLaVA-1.5's \"llava\"",
                    "use a Hugging Face LLaVA-1.5 checkpoint folder (model_type \"llava\")");
        }
        JsonNode layer = c.raw("vision_feature_layer");
        if (layer != null && !layer.isIntegralNumber() && !layer.isNull()) {
            throw c.invalid("vision_feature_layer", "a single integer (lists of layers are not supported)");
        }
        VisionConfig vision = VisionConfig.from(c.section("vision_config"));
        TextConfig text = TextConfig.from(c.section("text_config"), c.getBoolean("tie_word_embeddings", false));
        LlavaConfig cfg = new LlavaConfig(modelType,
                c.getInt("image_token_index", c.getInt("image_token_id", 32000)),
                c.getInt("pad_token_id", -1),
                c.getString("projector_hidden_act", "gelu"),
                c.getInt("vision_feature_layer", -2),
                c.getString("vision_feature_select_strategy", "default"),
                c.getBoolean("multimodal_projector_bias", true),
                vision, text);
        if (!cfg.selectStrategy.equals("default") && !cfg.selectStrategy.equals("full")) {
            throw c.invalid("vision_feature_select_strategy", "\"default\" or \"full\"");
        }
        int states = vision.numLayers() + 1;
        if (cfg.visionFeatureLayer >= states || cfg.visionFeatureLayer < -states) {
            throw c.invalid("vision_feature_layer", "in [" + -states + ", " + (states - 1) + "] for "
                    + vision.numLayers() + " CLIP layers");
        }
        Activation.of(cfg.projectorHiddenAct, c);
        return cfg;
    }

    /** Number of CLIP hidden states computed: 1 (embeddings) + encoder layers up to the selected one. */
    public int visionLayersNeeded() {
        int states = vision.numLayers() + 1;
        int index = visionFeatureLayer < 0 ? states + visionFeatureLayer : visionFeatureLayer;
        return index; // hidden_states[index] is the output of encoder layer index-1
    }

    /** Image tokens per image in the decoder sequence. */
    public int imageSeqLength() {
        return vision.numPatches() + (selectStrategy.equals("full") ? 1 : 0);
    }
}
