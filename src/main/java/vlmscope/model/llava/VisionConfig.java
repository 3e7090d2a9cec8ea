package vlmscope.model.llava;

import vlmscope.model.Activation;
import vlmscope.model.ConfigReader;
import vlmscope.VlmscopeException;

/**
 * CLIP vision tower hyper-parameters, with {@code CLIPVisionConfig}'s defaults for every key config.json omits
 * (llava-hf configs only list non-default keys).
 */
public record VisionConfig(int hiddenSize, int intermediateSize, int numLayers, int numHeads, int numChannels,
                           int imageSize, int patchSize, String hiddenAct, double layerNormEps) {

    static VisionConfig from(ConfigReader c) {
        VisionConfig v = new VisionConfig(
                c.getSize("hidden_size", 768),
                c.getSize("intermediate_size", 3072),
                c.getSize("num_hidden_layers", 12),
                c.getSize("num_attention_heads", 12),
                c.getSize("num_channels", 3),
                c.getSize("image_size", 224),
                c.getSize("patch_size", 32),
                c.getString("hidden_act", "quick_gelu"),
                c.getDouble("layer_norm_eps", 1e-5));
        if (v.hiddenSize % v.numHeads != 0) {
            throw VlmscopeException.badInput(c.file(), "vision_config.num_attention_heads " + v.numHeads
                    + " does not divide hidden_size " + v.hiddenSize, "set num_attention_heads to a divisor of hidden_size");
        }
        if (v.imageSize % v.patchSize != 0) throw c.invalid("patch_size", "a divisor of image_size");
        Activation.of(v.hiddenAct, c);
        return v;
    }

    public int headDim() {
        return hiddenSize / numHeads;
    }

    /** Patches per side of the square image grid. */
    public int gridSize() {
        return imageSize / patchSize;
    }

    public int numPatches() {
        return gridSize() * gridSize();
    }
}
