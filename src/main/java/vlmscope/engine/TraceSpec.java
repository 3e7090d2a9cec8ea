package vlmscope.engine;

import vlmscope.hooks.Site;
import vlmscope.hooks.Sites;

import java.util.Collection;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which activations a {@link Trace} keeps besides the keys/values (always kept: suffix recomputation needs them).
 * The default keeps {@code embed} and every {@code blocks.L.resid_post}: what any patched run from the trace needs
 * to start at any layer. Narrower filters bound memory; runs then start at the nearest kept layer below.
 *
 * @param sites the filter
 * @param named sites the spec names one by one; the engine checks them against the model's block counts
 */
public record TraceSpec(Predicate<Site> sites, Set<Site> named) {

    public TraceSpec {
        named = Set.copyOf(named);
    }

    /** A filter over all sites (nothing to check against the model). */
    public TraceSpec(Predicate<Site> sites) {
        this(sites, Set.of());
    }

    /** Keeps exactly {@code sites}. */
    public static TraceSpec of(Collection<Site> sites) {
        Set<Site> kept = Set.copyOf(sites);
        return new TraceSpec(kept::contains, kept);
    }

    public static TraceSpec residuals() {
        return new TraceSpec(site -> site.equals(Sites.EMBED) || site.kind() == Site.Kind.RESID_POST);
    }

    public static TraceSpec residualsAnd(Predicate<Site> more) {
        Predicate<Site> base = residuals().sites();
        return new TraceSpec(base.or(more));
    }
}
