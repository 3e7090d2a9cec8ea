package vlmscope.engine;

import vlmscope.hooks.Intervention;
import vlmscope.hooks.Site;

import java.util.List;
import java.util.Set;

/**
 * One patched run of a sweep over a clean {@link Trace} ({@link HookedModel#runBatch}): its interventions and the
 * sites it reads, exactly what {@link HookedModel#run(Trace, List, Set)} takes.
 */
public record PatchedRun(List<? extends Intervention> interventions, Set<Site> reads) {

    public PatchedRun {
        interventions = List.copyOf(interventions);
        reads = Set.copyOf(reads);
    }

    /** A run that reads nothing but the logits. */
    public static PatchedRun of(List<? extends Intervention> interventions) {
        return new PatchedRun(interventions, Set.of());
    }
}
