package vlmscope.experiments.diagnosis;

import vlmscope.processing.Verdicts;

import vlmscope.world.BackgroundChoice;

import java.util.List;

/**
 * Settings of the ID-deviation experiment.
 *
 * @param n           samples (a larger n extends a smaller run)
 * @param seed        world seed
 * @param layers      blocks whose {@code resid_post} is read (paper: 12 for LLaVA-7B, 14 for Llama-11B, its convention)
 * @param canvas      scene size in pixels
 * @param backgrounds which world backgrounds
 * @param maxNewTokens greedy answer length for the verdict (paper: 250)
 * @param verdictRule how the greedy answer becomes correct / wrong / nonsense
 * @param paperCompat the paper's bilinear weights (edge-anchored, dict overwrite) instead of the fixed ones
 */
public record DeviationOptions(int n, long seed, List<Integer> layers, int canvas, BackgroundChoice backgrounds,
                               int maxNewTokens, boolean paperCompat, Verdicts.Rule verdictRule) {

    public DeviationOptions {
        layers = List.copyOf(layers);
        if (n < 1) throw new IllegalArgumentException("n must be at least 1");
        if (layers.isEmpty()) throw new IllegalArgumentException("give at least one layer");
    }
}
