package vlmscope.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import vlmscope.hooks.Site;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The outcome of one (possibly patched) run: last-position logits and the activations read at requested sites.
 * {@link #suffixStart()} tells how much of the sequence was recomputed (0 = full forward).
 */
public final class RunResult implements AutoCloseable {

    private final NDManager manager;
    private final float[] lastLogits;
    private final Map<Site, NDArray> reads;
    private final int suffixStart;
    private final int firstBlock;

    RunResult(NDManager manager, float[] lastLogits, Map<Site, NDArray> reads, int suffixStart, int firstBlock) {
        this.manager = manager;
        this.lastLogits = lastLogits;
        this.reads = reads;
        this.suffixStart = suffixStart;
        this.firstBlock = firstBlock;
    }

    /** float32 [V] logits at the last position. */
    public float[] lastLogits() {
        return lastLogits.clone();
    }

    /** log_softmax of the last-position logits over the full vocabulary, float32 [V] (computed in double). */
    public float[] lastLogProbs() {
        return LogProbs.of(lastLogits);
    }

    public Set<Site> readSites() {
        return reads.keySet().stream().collect(Collectors.toCollection(() -> new TreeSet<>(Comparator.comparing(Site::toString))));
    }

    /** A site read during the run, over all positions ([T, d]). */
    public NDArray read(Site site) {
        NDArray a = reads.get(site);
        if (a == null) throw new IllegalArgumentException("site " + site + " was not read; read: " + readSites());
        return a;
    }

    public float[][] rows(Site site, int... positions) {
        return Arrays2.rows(read(site), positions);
    }

    /** First recomputed position (0 when the whole sequence ran). */
    public int suffixStart() {
        return suffixStart;
    }

    /** First decoder block that ran. */
    public int firstBlock() {
        return firstBlock;
    }

    @Override
    public void close() {
        manager.close();
    }
}
