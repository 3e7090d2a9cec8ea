package vlmscope.train;

import java.util.Map;

/**
 * Training curve over a window of steps ending at {@code step} (1-based count of steps done).
 *
 * @param accuracy     argmax accuracy on the window's targets (kind per patch in the vision stage; answer tokens after)
 * @param taskAccuracy accuracy per target label in the window: per task (and {@code ground_cell}, the grounding digits)
 *                     after the vision stage; {@code patch_object} / {@code patch_empty} kind accuracy in it
 */
public record CurvePoint(String stage, int step, double loss, double accuracy, Map<String, Double> taskAccuracy,
                         double samplesPerSecond) {
}
