package vlmscope.experiments.diagnosis;

import vlmscope.processing.Verdicts;

import vlmscope.world.BackgroundChoice;

/**
 * Settings of the blur-sensitivity experiment.
 *
 * @param n            samples (a larger n extends a smaller run)
 * @param seed         world seed; also seeds the random boxes (the paper's salted hash is not reproducible)
 * @param canvas       scene size in pixels
 * @param backgrounds  which world backgrounds
 * @param radius       Gaussian blur σ in pixels (paper: 20)
 * @param boxes        random same-size boxes per sample (paper: 10)
 * @param maxNewTokens greedy answer length for the verdict
 * @param verdictRule how the greedy answer becomes correct / wrong / nonsense
 * @param paperCompat  the paper's stale slice {@code min(cc[3:7]) − cc[1]}, its (0, 0) fallback box that may
 *                     overlap the objects, and first-piece answer tokens
 */
public record BlurOptions(int n, long seed, int canvas, BackgroundChoice backgrounds, float radius, int boxes,
                          int maxNewTokens, boolean paperCompat, Verdicts.Rule verdictRule) {

    public BlurOptions {
        if (n < 1) throw new IllegalArgumentException("n must be at least 1");
        if (boxes < 1) throw new IllegalArgumentException("need at least one random box");
    }
}
