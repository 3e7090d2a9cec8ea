package vlmscope.engine;

import vlmscope.processing.ModelInput;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One model family's text and image processing, as HF's processor class for it does: the prompt string (chat
 * template or raw form), the image → the engine's per-image float array, and the tokenised prompt with each image
 * placeholder expanded to that image's tokens. {@link LoadedModel} picks one by the checkpoint's model_type.
 */
interface FamilyProcessing {

    /** The prompt string for {@code text}: the family's raw form or the checkpoint's chat template. */
    String render(String text, boolean raw, boolean withImage);

    /** The image placeholder as it appears in a rendered prompt (LLaVA: {@code <image>}; Qwen: the vision block). */
    String imageMarker();

    /** One image as the family's vision tower reads it (LLaVA: [3, S, S]; Qwen: packed grid + patch rows). */
    float[] pixels(BufferedImage image);

    /** Tokenises a rendered prompt, expanding its i-th image placeholder for {@code images.get(i)}. */
    ModelInput prepare(String rendered, List<float[]> images);

    /**
     * Tokenises a rendered prompt for {@code numImages} images of the family's nominal size (every image the same
     * token count; LLaVA's are always so).
     */
    ModelInput prepare(String rendered, int numImages);
}
