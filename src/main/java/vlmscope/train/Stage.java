package vlmscope.train;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The training stages, in LLaVA's order (organism-notes "What helped"): dense per-patch vision pre-training (our
 * stand-in for CLIP), alignment on captions and locating texts with the ViT frozen, instruction tuning on the QA mix.
 */
public enum Stage {
    /** The ViT and the dense head on per-patch kind / colour / row / column labels. */
    VISION(EnumSet.of(ParameterGroup.VISION, ParameterGroup.DENSE_HEAD)),
    /** Projector and language model on captions and locating texts; ViT frozen. */
    ALIGN(EnumSet.of(ParameterGroup.PROJECTOR, ParameterGroup.LANGUAGE)),
    /** Projector and language model (and the ViT, unless the mix freezes it) on the instruction mix. */
    INSTRUCT(EnumSet.of(ParameterGroup.VISION, ParameterGroup.PROJECTOR, ParameterGroup.LANGUAGE));

    private final Set<ParameterGroup> trained;

    Stage(Set<ParameterGroup> trained) {
        this.trained = trained;
    }

    public Set<ParameterGroup> trained() {
        return trained;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Stage parse(String key) {
        for (Stage s : values()) if (s.key().equals(key.toLowerCase(Locale.ROOT))) return s;
        throw new IllegalArgumentException("unknown stage '" + key + "' (vision, align, instruct)");
    }
}
