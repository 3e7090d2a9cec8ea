package vlmscope.organism;

import vlmscope.world.Scene;

import java.util.List;

/**
 * One training or evaluation item: the frames it shows (one for a still image), the prompt in the LLaVA-1.5
 * format with one {@code <image>} marker per frame, and the answer text the model must produce after it.
 *
 * @param task   the task key, e.g. {@code left_right}, {@code caption}
 */
public record Example(String task, List<Scene> frames, String prompt, String answer) {

    public Example {
        frames = List.copyOf(frames);
    }
}
