package vlmscope.organism;

/**
 * The Hugging Face hub names of a LLaVA-1.5 checkpoint's tensors (llava-hf layout), as the engine loads them.
 */
public final class TensorNames {

    private static final String VISION = "vision_tower.vision_model.";
    private static final String TEXT = "language_model.model.";

    private TensorNames() {
    }

    public static String vision(String name) {
        return VISION + name;
    }

    public static String visionLayer(int layer, String name) {
        return VISION + "encoder.layers." + layer + "." + name;
    }

    public static String projector(String name) {
        return "multi_modal_projector." + name;
    }

    public static String text(String name) {
        return TEXT + name;
    }

    public static String textLayer(int layer, String name) {
        return TEXT + "layers." + layer + "." + name;
    }

    public static final String LM_HEAD = "language_model.lm_head.weight";
}
