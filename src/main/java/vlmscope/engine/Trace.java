package vlmscope.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import vlmscope.hooks.Site;
import vlmscope.model.KvCache;
import vlmscope.model.PositionIds;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A cached clean run: its inputs, every decoder layer's keys/values, the residual-stream sites kept by the
 * {@link TraceSpec}, and the last-position logits. Patched runs from a trace recompute only what an intervention
 * can change (see {@link HookedModel#run(Trace, List, Set)}).
 */
public final class Trace implements AutoCloseable {

    private final Inputs inputs;
    private final PositionIds positions;
    private final NDManager manager;
    private final KvCache cache;
    private final Map<Site, Recorder.Slice> sites;
    private final float[] lastLogits;

    Trace(Inputs inputs, PositionIds positions, NDManager manager, KvCache cache, Map<Site, Recorder.Slice> sites, float[] lastLogits) {
        this.inputs = inputs;
        this.positions = positions;
        this.manager = manager;
        this.cache = cache;
        this.sites = sites;
        this.lastLogits = lastLogits;
    }

    public Inputs inputs() {
        return inputs;
    }

    /** The rotary position ids of every row, as the clean run used them (patched suffixes reuse them). */
    public PositionIds positions() {
        return positions;
    }

    public int length() {
        return inputs.length();
    }

    KvCache cache() {
        return cache;
    }

    public boolean has(Site site) {
        return sites.containsKey(site);
    }

    public Set<Site> sites() {
        return sites.keySet().stream().collect(Collectors.toCollection(() -> new TreeSet<>(Comparator.comparing(Site::toString))));
    }

    /** The cached activation of {@code site} over all positions ([T, d] for decoder sites). */
    public NDArray get(Site site) {
        Recorder.Slice slice = sites.get(site);
        if (slice == null) throw new IllegalArgumentException("site " + site + " was not kept in this trace; kept: " + sites());
        return slice.value();
    }

    /** Rows {@code positions} of a cached site as float32 [n, d]. */
    public float[][] rows(Site site, int... positions) {
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
