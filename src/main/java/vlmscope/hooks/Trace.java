package vlmscope.hooks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import vlmscope.model.Inputs;
import vlmscope.model.KvCache;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cached clean run: its inputs, every decoder layer's keys/values, the residual-stream sites kept by the
 * {@link TraceSpec}, and the last-position logits. Patched runs from a trace recompute only what an intervention
 * can change (see {@link HookedModel#run(Trace, java.util.List, Set)}).
 */
public final class Trace implements AutoCloseable {

    private final Inputs inputs;
    private final NDManager manager;
    private final KvCache cache;
    private final Map<String, Recorder.Slice> sites;
    private final float[] lastLogits;

    Trace(Inputs inputs, NDManager manager, KvCache cache, Map<String, Recorder.Slice> sites, float[] lastLogits) {
        this.inputs = inputs;
        this.manager = manager;
        this.cache = cache;
        this.sites = sites;
        this.lastLogits = lastLogits;
    }

    public Inputs inputs() {
        return inputs;
    }

    public int length() {
        return inputs.length();
    }

    KvCache cache() {
        return cache;
    }

    public boolean has(String site) {
        return sites.containsKey(site);
    }

    public Set<String> sites() {
        return new TreeSet<>(sites.keySet());
    }

    /** The cached activation of {@code site} over all positions ([T, d] for decoder sites). */
    public NDArray get(String site) {
        Recorder.Slice slice = sites.get(site);
        if (slice == null) throw new IllegalArgumentException("site " + site + " was not kept in this trace; kept: " + sites());
        return slice.value();
    }

    /** Rows {@code positions} of a cached site as float32 [n, d]. */
    public float[][] rows(String site, int... positions) {
        return Arrays2.rows(get(site), positions);
    }

    /** Clean logits at the last position, float32 [V]. */
    public float[] lastLogits() {
        return lastLogits.clone();
    }

    @Override
    public void close() {
        cache.close();
        manager.close();
    }
}
