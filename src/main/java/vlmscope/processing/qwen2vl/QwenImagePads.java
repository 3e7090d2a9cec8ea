package vlmscope.processing.qwen2vl;

import vlmscope.model.qwen2vl.QwenPixels;
import java.util.List;
import vlmscope.VlmscopeException;

/**
 * HF {@code Qwen2VLProcessor}'s placeholder expansion: the k-th {@code <|image_pad|>} of a rendered prompt becomes
 * (t · h · w) / merge² copies, one per merged image token of the k-th image.
 */
public final class QwenImagePads {

    public static final String IMAGE_PAD = "<|image_pad|>";

    private QwenImagePads() {
    }

    public static String expand(String prompt, List<QwenPixels> images) {
        int found = 0;
        for (int i = prompt.indexOf(IMAGE_PAD); i >= 0; i = prompt.indexOf(IMAGE_PAD, i + IMAGE_PAD.length())) found++;
        if (found != images.size()) {
            throw new VlmscopeException("the prompt has " + found + " " + IMAGE_PAD + " placeholder(s) for "
                    + images.size() + " image(s). Fix: render the prompt with the checkpoint's chat template and an "
                    + "{\"type\": \"image\"} part per image, or write <|vision_start|><|image_pad|><|vision_end|> once per image");
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (QwenPixels image : images) {
            int at = prompt.indexOf(IMAGE_PAD, from);
            out.append(prompt, from, at).append(IMAGE_PAD.repeat(image.numTokens()));
            from = at + IMAGE_PAD.length();
        }
        return out.append(prompt.substring(from)).toString();
    }
}
