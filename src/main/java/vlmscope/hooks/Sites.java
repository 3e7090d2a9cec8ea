package vlmscope.hooks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hook-site names, TransformerLens style (docs/design.md#hook-sites). Decoder sites are {@code [T, d]} over the expanded
 * sequence; vision sites are {@code [1 + patches, d_vision]} (CLS first) or {@code [patches, d_vision]} for
 * {@code vision.features}; {@code blocks.L.attn.k/v} are post-RoPE keys/values {@code [kvHeads, T, headDim]}.
 */
public final class Sites {

    public static final String EMBED = "embed";
    public static final String FINAL_NORM = "final_norm";
    public static final String LOGITS = "logits";
    public static final String VISION_FEATURES = "vision.features";
    public static final String PROJECTOR_OUT = "projector.out";

    private static final Pattern BLOCK = Pattern.compile("blocks\\.(\\d+)\\.(resid_pre|resid_post|attn_out|mlp_out|attn\\.k|attn\\.v)");
    private static final Pattern VISION_BLOCK = Pattern.compile("vision\\.blocks\\.(\\d+)\\.resid_post");

    private Sites() {
    }

    public static String residPre(int layer) {
        return "blocks." + layer + ".resid_pre";
    }

    public static String residPost(int layer) {
        return "blocks." + layer + ".resid_post";
    }

    public static String attnOut(int layer) {
        return "blocks." + layer + ".attn_out";
    }

    public static String mlpOut(int layer) {
        return "blocks." + layer + ".mlp_out";
    }

    public static String keys(int layer) {
        return "blocks." + layer + ".attn.k";
    }

    public static String values(int layer) {
        return "blocks." + layer + ".attn.v";
    }

    public static String visionResidPost(int layer) {
        return "vision.blocks." + layer + ".resid_post";
    }

    /** The decoder block a decoder site belongs to, or -1 for {@code embed}; throws for non-decoder sites. */
    public static int blockOf(String site) {
        if (site.equals(EMBED)) return -1;
        Matcher m = BLOCK.matcher(site);
        if (m.matches()) return Integer.parseInt(m.group(1));
        throw new IllegalArgumentException("not a decoder block site: " + site);
    }

    /** The kind of a decoder block site: resid_pre, resid_post, attn_out, mlp_out, attn.k, attn.v. */
    public static String kindOf(String site) {
        Matcher m = BLOCK.matcher(site);
        if (m.matches()) return m.group(2);
        throw new IllegalArgumentException("not a decoder block site: " + site);
    }

    public static boolean isDecoderSite(String site) {
        return site.equals(EMBED) || BLOCK.matcher(site).matches();
    }

    public static boolean isVisionSite(String site) {
        return site.equals(VISION_FEATURES) || site.equals(PROJECTOR_OUT) || VISION_BLOCK.matcher(site).matches();
    }

    public static boolean isKnown(String site) {
        return isDecoderSite(site) || isVisionSite(site) || site.equals(FINAL_NORM) || site.equals(LOGITS);
    }
}
