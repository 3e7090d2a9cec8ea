package vlmscope.experiments.diagnosis;

import vlmscope.world.BackgroundChoice;
import vlmscope.VlmscopeException;

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
 * @param scenes      which depth scenes: the world's own (farther = higher), counter-cue ones (farther = lower), or both
 */
public record DepthOptions(int n, long seed, List<Integer> layers, double alpha, int canvas, BackgroundChoice backgrounds,
                           boolean paperCompat, Scenes scenes) {

    /** The depth scenes a run uses; {@code n} samples of each chosen kind. */
    public enum Scenes {
        STANDARD("standard"), COUNTER_CUE("counter-cue"), BOTH("both");

        private final String label;

        Scenes(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean standard() {
            return this != COUNTER_CUE;
        }

        public boolean counterCue() {
            return this != STANDARD;
        }

        public static Scenes parse(String value) {
            for (Scenes s : values()) if (s.label.equals(value)) return s;
            throw new VlmscopeException("--scenes '" + value + "' is not a scene set. Fix: use standard, counter-cue or both");
        }
    }

    public DepthOptions {
        layers = List.copyOf(layers);
        if (n < 1) throw new IllegalArgumentException("n must be at least 1");
        if (layers.isEmpty()) throw new IllegalArgumentException("give at least one layer");
    }

    /** The world's own depth scenes only. */
    public DepthOptions(int n, long seed, List<Integer> layers, double alpha, int canvas, BackgroundChoice backgrounds,
                        boolean paperCompat) {
        this(n, seed, layers, alpha, canvas, backgrounds, paperCompat, Scenes.STANDARD);
    }
}
