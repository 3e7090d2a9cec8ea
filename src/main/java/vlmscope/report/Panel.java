package vlmscope.report;

/** One plot inside a {@link Figure} grid cell. */
public abstract sealed class Panel permits LinePanel, BarPanel, HeatmapPanel, ScatterPanel {

    /** Draws the panel, its axes and legend inside {@code area} (figure points). */
    abstract void draw(Canvas canvas, Rect area);

    /** Smallest and largest finite values of {@code values}, folded into {@code range} = {lo, hi} (NaN = none yet). */
    static void extend(double[] range, double... values) {
        for (double v : values) {
            if (!Double.isFinite(v)) continue;
            if (Double.isNaN(range[0]) || v < range[0]) range[0] = v;
            if (Double.isNaN(range[1]) || v > range[1]) range[1] = v;
        }
    }

    static double[] emptyRange() {
        return new double[]{Double.NaN, Double.NaN};
    }
}
