package vlmscope.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bilinear weights over the cells of an m×m ID grid for a point of an image — how a bounding box's centre turns
 * into a ground-truth spatial ID (docs/paper-mapping.md#deviation).
 * <ul>
 *   <li>{@link Mode#FIXED} (default): cell i is anchored at its centre, {@code f = m·c/W − 0.5} clamped to
 *       [0, m − 1], and weights of coinciding corners are summed, so the weights are non-negative and sum to 1
 *       everywhere, the last row and column included;</li>
 *   <li>{@link Mode#PAPER}: {@code utils/coco.py} exactly: cells anchored at their left/top edge ({@code f = m·c/W}),
 *       the four corner weights stored in a dict in the order (x0,y0), (x1,y0), (x0,y1), (x1,y1) so that a later
 *       corner that coincides with an earlier one <b>overwrites</b> it (in the last column the weights sum to wx),
 *       and corners outside the grid (a centre on the right or bottom border) dropped.</li>
 * </ul>
 */
public final class BilinearIdWeights {

    /** Fixed weights, or the paper code's. */
    public enum Mode {
        FIXED, PAPER
    }

    /** A grid cell: column x (0 = left) and row y (0 = top). */
    public record Cell(int x, int y) {
    }

    private BilinearIdWeights() {
    }

    /** Weights of the cells around point ({@code cx}, {@code cy}) of a {@code width}×{@code height} image. */
    public static Map<Cell, Double> weights(double cx, double cy, double width, double height, int cells, Mode mode) {
        if (width <= 0 || height <= 0 || cells < 1) {
            throw new IllegalArgumentException("need a positive image size and grid, got " + width + "x" + height + ", " + cells);
        }
        double fx = cells * cx / width, fy = cells * cy / height;
        if (mode == Mode.FIXED) {
            fx = Math.clamp(fx - 0.5, 0, cells - 1);
            fy = Math.clamp(fy - 0.5, 0, cells - 1);
        }
        int x0 = (int) Math.floor(fx), y0 = (int) Math.floor(fy);
        int x1 = Math.min(x0 + 1, cells - 1), y1 = Math.min(y0 + 1, cells - 1);
        double wx = fx - x0, wy = fy - y0;
        Map<Cell, Double> w = new LinkedHashMap<>();
        Cell[] corners = {new Cell(x0, y0), new Cell(x1, y0), new Cell(x0, y1), new Cell(x1, y1)};
        double[] values = {(1 - wx) * (1 - wy), wx * (1 - wy), (1 - wx) * wy, wx * wy};
        for (int i = 0; i < 4; i++) {
            if (mode == Mode.FIXED) w.merge(corners[i], values[i], Double::sum);
            else w.put(corners[i], values[i]);
        }
        w.keySet().removeIf(c -> c.x() < 0 || c.y() < 0 || c.x() >= cells || c.y() >= cells);
        return w;
    }
}
