package vlmscope.hooks;

import ai.djl.ndarray.NDArray;

/**
 * What a forward pass calls at every hook {@link Site} (docs/design.md#hook-sites). The activation covers the sequence
 * positions {@code [offset, offset + rows)}; the returned array replaces it downstream (return the argument
 * itself to leave it unchanged). Implementations may keep references (e.g. a trace) but must not close it.
 */
@FunctionalInterface
public interface Hooks {

    /** A visitor that changes nothing. */
    Hooks NONE = (site, activation, offset) -> activation;

    NDArray visit(Site site, NDArray activation, int offset);

    /** This visitor first, then {@code next} on its result. */
    default Hooks then(Hooks next) {
        if (this == NONE) return next;
        if (next == NONE) return this;
        return (site, activation, offset) -> next.visit(site, visit(site, activation, offset), offset);
    }
}
