package vlmscope.engine;

import java.util.List;

/**
 * Greedily generated token ids and, per step, the float32 [V] logits they were chosen from
 * (step 0 = the last prompt position).
 */
public record Generation(int[] tokens, List<float[]> stepLogits) {

    public Generation {
        tokens = tokens.clone();
        stepLogits = List.copyOf(stepLogits);
    }
}
