package vlmscope.model.qwen2vl;

import java.util.List;
import vlmscope.VlmscopeException;

/**
 * HF's {@code get_rope_index} for one unpadded sequence. Walking the ids, each {@code <|vision_start|>} followed
 * by an image (or video) placeholder opens a block of (t · h · w) / merge² placeholder tokens: the text before it
 * counts on from the previous maximum + 1, and the block gets (st + text_len + t', st + text_len + row,
 * st + text_len + column) over its merged grid. The temporal index t' is the frame index for Qwen2-VL; for
 * Qwen2.5-VL it is {@code (long) (frame * second_per_grid_t * tokens_per_second)} in float32, with
 * second_per_grid_t = 0 for images (so an image's temporal row is constant) and 1 for a video without timing.
 */
public final class RopeIndex {

    private final Qwen2VLConfig cfg;

    public RopeIndex(Qwen2VLConfig cfg) {
        this.cfg = cfg;
    }

    /** A visual input's grid in patches (t, h, w), as HF's image_grid_thw / video_grid_thw rows. */
    public record Grid(int t, int h, int w) {
        public static Grid of(int[] thw) {
            return new Grid(thw[0], thw[1], thw[2]);
        }
    }

    /**
     * @param ids                the full token sequence with placeholders already expanded
     * @param imageGrids         one grid per image, in order of appearance
     * @param videoGrids         one grid per video, in order of appearance
     * @param secondPerGridTs    seconds per temporal grid step of each video (Qwen2.5-VL), or null for 1.0 each
     */
    public MropePositions compute(int[] ids, List<Grid> imageGrids, List<Grid> videoGrids, double[] secondPerGridTs) {
        int merge = cfg.vision().mergeSize();
        int n = ids.length;
        int images = 0;
        int videos = 0;
        for (int i = 0; i + 1 < n; i++) {
            if (ids[i] != cfg.visionStartTokenId()) continue;
            if (ids[i + 1] == cfg.imageTokenId()) images++;
            if (ids[i + 1] == cfg.videoTokenId()) videos++;
        }
        if (images != imageGrids.size() || videos != videoGrids.size()) {
            throw new VlmscopeException("the prompt has " + images + " image and " + videos + " video placeholder(s) but "
                    + imageGrids.size() + " image and " + videoGrids.size() + " video grid(s) were given. Fix: put one "
                    + "<|vision_start|><|image_pad|><|vision_end|> in the prompt per image");
        }
        int[][] rows = new int[3][n];
        int st = 0;
        int next = 0; // max position so far + 1
        int imageIndex = 0;
        int videoIndex = 0;
        for (int k = 0; k < images + videos; k++) {
            int edImage = imageIndex < images ? indexOf(ids, cfg.imageTokenId(), st) : n + 1;
            int edVideo = videoIndex < videos ? indexOf(ids, cfg.videoTokenId(), st) : n + 1;
            Grid g;
            double secondsPerStep;
            int ed;
            if (edImage < edVideo) {
                g = imageGrids.get(imageIndex++);
                secondsPerStep = 0;
                ed = edImage;
            } else {
                secondsPerStep = secondPerGridTs == null ? 1.0 : secondPerGridTs[videoIndex];
                g = videoGrids.get(videoIndex++);
                ed = edVideo;
            }
            if (g.h() % merge != 0 || g.w() % merge != 0) {
                throw new VlmscopeException("grid " + g.t() + "x" + g.h() + "x" + g.w() + " does not divide by the "
                        + "spatial merge size " + merge + ". Fix: produce the grid with Qwen2VLImageProcessor (its sides"
                        + " are multiples of merge_size)");
            }
            int gh = g.h() / merge;
            int gw = g.w() / merge;
            int textLen = ed - st;
            for (int i = 0; i < textLen; i++) for (int r = 0; r < 3; r++) rows[r][st + i] = next + i;
            int base = next + textLen;
            int p = ed;
            int blockEnd = ed + g.t() * gh * gw;
            if (blockEnd > n) {
                throw new VlmscopeException("the visual block starting at token " + ed + " needs " + g.t() * gh * gw
                        + " placeholder tokens but the sequence ends at " + n + ". Fix: expand each placeholder to "
                        + "(t*h*w)/merge^2 tokens");
            }
            int maxPos = base;
            for (int t = 0; t < g.t(); t++) {
                int tIndex = temporalIndex(t, secondsPerStep);
                for (int h = 0; h < gh; h++) {
                    for (int w = 0; w < gw; w++) {
                        rows[0][p] = base + tIndex;
                        rows[1][p] = base + h;
                        rows[2][p] = base + w;
                        maxPos = Math.max(maxPos, Math.max(base + tIndex, Math.max(base + h, base + w)));
                        p++;
                    }
                }
            }
            next = maxPos + 1;
            st = blockEnd;
        }
        for (int i = st; i < n; i++) for (int r = 0; r < 3; r++) rows[r][i] = next + i - st;
        int max = 0;
        for (int[] row : rows) for (int v : row) max = Math.max(max, v);
        return new MropePositions(rows, n == 0 ? 0 : max + 1 - n);
    }

    private int temporalIndex(int frame, double secondsPerStep) {
        if (!cfg.isQwen25()) return frame;
        float scaled = (float) frame * (float) secondsPerStep;                 // torch: int64 tensor * float32 scalar
        return (int) (long) (scaled * (float) cfg.vision().tokensPerSecond()); // then * int, then .long()
    }

    private static int indexOf(int[] ids, int token, int from) {
        for (int i = from; i < ids.length; i++) if (ids[i] == token) return i;
        return ids.length + 1;
    }
}
