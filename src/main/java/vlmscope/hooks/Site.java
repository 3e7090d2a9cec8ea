package vlmscope.hooks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One hook site, typed: its kind and, for per-block kinds, the block index. {@link #toString()} is the
 * TransformerLens-style name ({@code blocks.12.resid_post}); {@link #parse(String)} reads such a name once, at the
 * edge (CLI, files). Decoder sites are {@code [T, d]} over the expanded sequence; vision sites are
 * {@code [1 + patches, d_vision]} (CLS first) or {@code [patches, d_vision]} for {@code vision.features};
 * {@code blocks.L.attn.k/v} are post-rotary keys/values {@code [kvHeads, T, headDim]}.
 *
 * @param block the block index for per-block kinds, -1 otherwise
 */
public record Site(Kind kind, int block) {

    /** What a site holds. Per-block kinds carry a block index; the others name one place in the model. */
    public enum Kind {
        EMBED("embed", false, Tower.DECODER),
        RESID_PRE("resid_pre", true, Tower.DECODER),
        ATTN_K("attn.k", true, Tower.DECODER),
        ATTN_V("attn.v", true, Tower.DECODER),
        ATTN_OUT("attn_out", true, Tower.DECODER),
        MLP_OUT("mlp_out", true, Tower.DECODER),
        RESID_POST("resid_post", true, Tower.DECODER),
        FINAL_NORM("final_norm", false, Tower.HEAD),
        LOGITS("logits", false, Tower.HEAD),
        VISION_RESID_POST("resid_post", true, Tower.VISION),
        VISION_FEATURES("vision.features", false, Tower.VISION),
        PROJECTOR_OUT("projector.out", false, Tower.VISION);

        private final String label;
        private final boolean perBlock;
        private final Tower tower;

        Kind(String label, boolean perBlock, Tower tower) {
            this.label = label;
            this.perBlock = perBlock;
            this.tower = tower;
        }

        public boolean perBlock() {
            return perBlock;
        }
    }

    /** Which part of the model a site sits in. */
    public enum Tower { VISION, DECODER, HEAD }

    private static final Pattern BLOCK = Pattern.compile("blocks\\.(\\d+)\\.(resid_pre|resid_post|attn_out|mlp_out|attn\\.k|attn\\.v)");
    private static final Pattern VISION_BLOCK = Pattern.compile("vision\\.blocks\\.(\\d+)\\.resid_post");
    private static final String NAMES = "embed, blocks.L.{resid_pre, attn.k, attn.v, attn_out, mlp_out, resid_post}, "
            + "final_norm, logits, vision.blocks.L.resid_post, vision.features, projector.out";

    public Site {
        if (kind.perBlock && block < 0) throw new IllegalArgumentException(kind + " needs a block index >= 0, got " + block);
        if (!kind.perBlock && block != -1) throw new IllegalArgumentException(kind + " has no block index");
    }

    /** A site without a block index ({@code embed}, {@code final_norm}, ...). */
    public static Site of(Kind kind) {
        return new Site(kind, -1);
    }

    /** A per-block site. */
    public static Site of(Kind kind, int block) {
        return new Site(kind, block);
    }

    /** Reads a TransformerLens-style name; an unknown name is an {@link IllegalArgumentException} listing the names. */
    public static Site parse(String name) {
        Matcher m = BLOCK.matcher(name);
        if (m.matches()) {
            int block = Integer.parseInt(m.group(1));
            for (Kind k : Kind.values()) {
                if (k.perBlock && k.tower == Tower.DECODER && k.label.equals(m.group(2))) return new Site(k, block);
            }
        }
        Matcher v = VISION_BLOCK.matcher(name);
        if (v.matches()) return new Site(Kind.VISION_RESID_POST, Integer.parseInt(v.group(1)));
        for (Kind k : Kind.values()) {
            if (!k.perBlock && k.label.equals(name)) return of(k);
        }
        throw new IllegalArgumentException("unknown hook site '" + name + "'; sites are " + NAMES);
    }

    public Tower tower() {
        return kind.tower;
    }

    /** {@code embed} or a decoder block site: what suffix recomputation can start from. */
    public boolean isDecoder() {
        return kind.tower == Tower.DECODER;
    }

    public boolean isVision() {
        return kind.tower == Tower.VISION;
    }

    /** Sites whose activation is {@code [rows, d]} over positions (every site but the per-head keys/values). */
    public boolean isRows() {
        return kind != Kind.ATTN_K && kind != Kind.ATTN_V;
    }

    @Override
    public String toString() {
        if (!kind.perBlock) return kind.label;
        return (kind.tower == Tower.VISION ? "vision.blocks." : "blocks.") + block + "." + kind.label;
    }
}
