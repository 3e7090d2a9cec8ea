package vlmscope.experiments.diagnosis;

import vlmscope.world.BackgroundChoice;

import java.util.List;

/**
 * Settings of the depth diagnosis.
 *
 * @param n           samples (a larger n extends a smaller run)
 * @param seed        world seed
 * @param layers      blocks whose {@code resid_post} is steered (paper: 12–14 in its own convention)
 * @param alpha       steering multiplier (paper: 5)
 * @param canvas      scene size in pixels
 * @param backgrounds which world backgrounds
 * @param paperCompat reproduce the paper's P3 subject parsing, its +1 position offset, its paper prompt frame and
 *                    first-piece answer tokens, and its ID-layer off-by-one (ID of block ℓ − 1 injected at block ℓ)
 */
public record DepthOptions(int n, long seed, List<Integer> layers, double alpha, int canvas, BackgroundChoice backgrounds,
                           boolean paperCompat) {

    public DepthOptions {
        layers = List.copyOf(layers);
        if (n < 1) throw new IllegalArgumentException("n must be at least 1");
        if (layers.isEmpty()) throw new IllegalArgumentException("give at least one layer");
    }
}
