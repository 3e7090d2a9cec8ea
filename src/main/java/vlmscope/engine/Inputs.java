package vlmscope.engine;

import java.util.List;

/**
 * What the engine consumes: token ids of the expanded sequence (each image already expanded to
 * {@code imageSeqLength} image-token ids) and one preprocessed {@code [C, S, S]} pixel array per image.
 */
public record Inputs(int[] ids, List<float[]> images) {

    public Inputs {
        ids = ids.clone();
        images = List.copyOf(images);
    }

    public int length() {
        return ids.length;
    }
}
