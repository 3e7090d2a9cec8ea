package vlmscope.model.qwen2vl;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which the ViT processes one image's patch rows, and the row segments that attend among themselves.
 * The processor's natural order already keeps each merge window's m² patches consecutive (a "unit"). Qwen2.5-VL
 * (HF {@code get_window_index}) re-orders units window by window: windows of {@code window} × {@code window} units
 * tile each frame's unit grid from the top-left (the last row / column of windows may be partial), windows in
 * row-major order, units row-major within a window. Qwen2-VL keeps the natural order.
 *
 * @param order       [N] natural row index of the row processed at each position
 * @param inverse     [N] processing position of each natural row
 * @param windows     lengths (in rows) of the windows, in processing order; Qwen2-VL: one per frame
 * @param frames      lengths (in rows) of the frames (full-attention segments), in processing order
 */
record WindowOrder(int[] order, int[] inverse, int[] windows, int[] frames) {

    /**
     * @param gridT  frames
     * @param gridH  patch rows (multiple of merge)
     * @param gridW  patch columns (multiple of merge)
     * @param window window side in units, or 0 for no windows (Qwen2-VL)
     */
    static WindowOrder of(int gridT, int gridH, int gridW, int merge, int window) {
        int unit = merge * merge;
        int uh = gridH / merge;
        int uw = gridW / merge;
        int perFrame = gridH * gridW;
        int n = gridT * perFrame;
        int[] frames = new int[gridT];
        java.util.Arrays.fill(frames, perFrame);
        if (window == 0) {
            int[] identity = new int[n];
            for (int i = 0; i < n; i++) identity[i] = i;
            return new WindowOrder(identity, identity.clone(), frames.clone(), frames);
        }
        int[] order = new int[n];
        List<Integer> lengths = new ArrayList<>();
        int k = 0;
        for (int t = 0; t < gridT; t++) {
            for (int wy = 0; wy < uh; wy += window) {
                for (int wx = 0; wx < uw; wx += window) {
                    int units = 0;
                    for (int y = wy; y < Math.min(wy + window, uh); y++) {
                        for (int x = wx; x < Math.min(wx + window, uw); x++) {
                            int u = (t * uh + y) * uw + x;
                            for (int r = 0; r < unit; r++) order[k++] = u * unit + r;
                            units++;
                        }
                    }
                    lengths.add(units * unit);
                }
            }
        }
        int[] inverse = new int[n];
        for (int i = 0; i < n; i++) inverse[order[i]] = i;
        return new WindowOrder(order, inverse, lengths.stream().mapToInt(Integer::intValue).toArray(), frames);
    }
}
