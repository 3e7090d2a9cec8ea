package vlmscope.experiments.swap;

import vlmscope.VlmscopeException;

import java.util.Locale;

/**
 * The positions whose {@code blocks.L.resid_post} rows are swapped in from the counterfactual run (see
 * {@link PositionSets} for the exact definitions). {@code ALL} is the sanity check: swapping every position makes
 * the patched run the counterfactual run, so its belief shift is 1 by construction.
 */
public enum PositionSet {
    ALL, IMAGE, TEXT, OBJECTS, ADJECTIVES, CONTROL;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PositionSet parse(String name) {
        for (PositionSet s : values()) if (s.cliName().equals(name.strip())) return s;
        throw new VlmscopeException("unknown position set '" + name
                + "'. Fix: use all, image, text, objects, adjectives or control");
    }
}
