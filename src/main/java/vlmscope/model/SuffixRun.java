package vlmscope.model;

import ai.djl.ndarray.NDArray;
import vlmscope.hooks.Hooks;

/**
 * One patched run of a batched suffix step ({@link VisionLanguageModel#runSuffixes}): the residual entering block
 * {@code fromBlock} at the suffix rows, the hooks that run visits, and the clean keys/values of the rows before the
 * suffix (runs of one sample share their trace's cache; runs of other samples bring their own).
 *
 * @param x         [t, d] residual entering {@code fromBlock} (the caller owns it)
 * @param fromBlock first decoder block this run executes
 * @param hooks     this run's interventions and readers, visited exactly as in a run of its own
 * @param prefix    the clean run's cache, read only: it holds at least the rows before the suffix of every block
 */
public record SuffixRun(NDArray x, int fromBlock, Hooks hooks, KvCache prefix) {
}
