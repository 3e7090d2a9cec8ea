package vlmscope.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import vlmscope.hooks.Hooks;
import vlmscope.hooks.Site;
import vlmscope.model.Scopes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Keeps a copy of every visited activation whose site passes a filter, with the sequence offset it was seen at.
 * Copies are owned by the recorder's manager, so later in-place edits or scope closes cannot touch them.
 */
final class Recorder implements Hooks {

    /** One recorded activation: rows {@code [offset, offset + rows)}. */
    record Slice(int offset, NDArray value) {
    }

    private final Predicate<Site> sites;
    private final NDManager owner;
    private final Map<Site, Slice> recorded = new LinkedHashMap<>();

    Recorder(Predicate<Site> sites, NDManager owner) {
        this.sites = sites;
        this.owner = owner;
    }

    @Override
    public NDArray visit(Site site, NDArray activation, int offset) {
        if (sites.test(site)) {
            Slice previous = recorded.put(site, new Slice(offset, Scopes.keep(activation.duplicate(), owner)));
            if (previous != null) previous.value().close();
        }
        return activation;
    }

    Map<Site, Slice> recorded() {
        return recorded;
    }
}
