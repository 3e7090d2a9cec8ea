package vlmscope.hooks;

import vlmscope.hooks.Site.Kind;

/** Short names for the {@link Site}s a model visits (TransformerLens style; docs/design.md#hook-sites). */
public final class Sites {

    public static final Site EMBED = Site.of(Kind.EMBED);
    public static final Site FINAL_NORM = Site.of(Kind.FINAL_NORM);
    public static final Site LOGITS = Site.of(Kind.LOGITS);
    public static final Site VISION_FEATURES = Site.of(Kind.VISION_FEATURES);
    public static final Site PROJECTOR_OUT = Site.of(Kind.PROJECTOR_OUT);

    private Sites() {
    }

    public static Site residPre(int layer) {
        return Site.of(Kind.RESID_PRE, layer);
    }

    public static Site residPost(int layer) {
        return Site.of(Kind.RESID_POST, layer);
    }

    public static Site attnOut(int layer) {
        return Site.of(Kind.ATTN_OUT, layer);
    }

    public static Site mlpOut(int layer) {
        return Site.of(Kind.MLP_OUT, layer);
    }

    public static Site keys(int layer) {
        return Site.of(Kind.ATTN_K, layer);
    }

    public static Site values(int layer) {
        return Site.of(Kind.ATTN_V, layer);
    }

    public static Site visionResidPost(int layer) {
        return Site.of(Kind.VISION_RESID_POST, layer);
    }
}
