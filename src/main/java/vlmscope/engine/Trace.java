package vlmscope.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import vlmscope.VlmscopeException;
import vlmscope.hooks.Site;
import vlmscope.hooks.SitePattern;
import vlmscope.model.KvCache;
import vlmscope.model.PositionIds;
import vlmscope.tensor.SafetensorsWriter;

import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Fails unless {@code file} can be a file to write (it must not be a folder); call before the run. */
    public static void requireFileTarget(Path file) {
        if (Files.isDirectory(file)) {
            throw VlmscopeException.badInput(file, "is a folder, but the dump is one safetensors file",
                    "name a file, e.g. --out " + file.resolve("acts.safetensors"));
        }
    }

    /**
     * Writes every kept site that {@code sites} accepts to {@code file} ({@code [T, d]} float32 each, in name order)
     * with {@code metadata}; returns how many sites it wrote. No match is an error naming the pattern.
     */
    public int save(Path file, SitePattern sites, Map<String, String> metadata) {
        requireFileTarget(file);
        SafetensorsWriter writer = new SafetensorsWriter();
        metadata.forEach(writer::metadata);
        int n = 0;
        for (Site site : sites()) {
            if (!sites.test(site)) continue;
            NDArray value = get(site);                                                                    // [T, d]
            try (NDArray f = value.getDataType() == DataType.FLOAT32 ? value.duplicate() : value.toType(DataType.FLOAT32, false)) {
                writer.add(site.toString(), f);
            }
            n++;
        }
        if (n == 0) throw new VlmscopeException("the site list '" + sites + "' matched no hook site kept in this trace. Fix: " + SitePattern.EXAMPLES);
        writer.write(file);
        return n;
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
