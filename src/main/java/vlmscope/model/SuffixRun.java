package vlmscope.model;

import ai.djl.ndarray.NDArray;
import vlmscope.hooks.Hooks;

/**
 * One patched run of a batched suffix step ({@link VisionLanguageModel#runSuffixes}): the residual entering block
 * {@code fromBlock} at the shared suffix rows, and the hooks that run visits.
 *
 * @param x         [t, d] residual entering {@code fromBlock} (the caller owns it)
 * @param fromBlock first decoder block this run executes
 * @param hooks     this run's interventions and readers, visited exactly as in a run of its own
 */
public record SuffixRun(NDArray x, int fromBlock, Hooks hooks) {
}
