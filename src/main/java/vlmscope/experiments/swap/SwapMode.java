package vlmscope.experiments.swap;

import vlmscope.VlmscopeException;

import java.util.Locale;

/**
 * What the counterfactual image changes (docs/paper-mapping.md#swap, A6): {@code MIRROR} flips it left/right (the spatial
 * answer should flip), {@code ATTRIBUTE} rainbow-recolours it (layout unchanged: the control), {@code COLOUR}
 * exchanges the two objects' colours (colour binding; a world scene re-rendered).
 */
public enum SwapMode {
    MIRROR, ATTRIBUTE, COLOUR;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SwapMode parse(String name) {
        for (SwapMode m : values()) if (m.cliName().equals(name)) return m;
        throw new VlmscopeException("unknown swap mode '" + name + "'. Fix: use mirror, attribute or colour");
    }
}
