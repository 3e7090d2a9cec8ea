package vlmscope.processing;

import java.util.List;
import vlmscope.VlmscopeException;

/**
 * A prompt ready for the model: ids of the expanded sequence (each {@code <image>} replaced by its image tokens,
 * BOS included) with their token strings and where each image's tokens lie.
 *
 * @param prompt     the prompt string before image-token expansion
 * @param ids        token ids of the expanded sequence      // [T]
 * @param tokens     vocabulary piece of each id             // [T]
 * @param imageSpans one span per image, in order; empty for a text-only prompt
 */
public record ModelInput(String prompt, int[] ids, String[] tokens, List<Span> imageSpans) {

    /** Token positions {@code [start, end)} of one image in the expanded sequence. */
    public record Span(int start, int end) {

        /** Number of positions in the span. */
        public int length() {
            return end - start;
        }
    }

    public ModelInput {
        imageSpans = List.copyOf(imageSpans);
    }

    /** Sequence length T. */
    public int length() {
        return ids.length;
    }

    /** First position of the first image's tokens. */
    public int imageStart() {
        return firstImage().start();
    }

    /** Position after the first image's tokens. */
    public int imageEnd() {
        return firstImage().end();
    }

    private Span firstImage() {
        if (imageSpans.isEmpty()) {
            throw new VlmscopeException("the prompt has no image tokens: " + prompt
                    + ". Fix: prepare the prompt with an image (it must contain the image marker)");
        }
        return imageSpans.getFirst();
    }
}
