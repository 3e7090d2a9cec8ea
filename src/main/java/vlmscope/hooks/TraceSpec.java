package vlmscope.hooks;

import java.util.function.Predicate;

/**
 * Which activations a {@link Trace} keeps besides the keys/values (always kept: suffix recomputation needs them).
 * The default keeps {@code embed} and every {@code blocks.L.resid_post}: what any patched run from the trace needs
 * to start at any layer. Narrower filters bound memory; runs then start at the nearest kept layer below.
 */
public record TraceSpec(Predicate<String> sites) {

    public static TraceSpec residuals() {
        return new TraceSpec(site -> site.equals(Sites.EMBED) || site.endsWith(".resid_post") && !site.startsWith("vision."));
    }

    public static TraceSpec residualsAnd(Predicate<String> more) {
        Predicate<String> base = residuals().sites();
        return new TraceSpec(base.or(more));
    }
}
