package vlmscope.report;

/**
 * One axis of a panel: the visible range (min may exceed max: an inverted axis) and its ticks with labels.
 * Categorical axes put category i at position i.
 */
record Axis(double min, double max, double[] ticks, String[] labels, boolean categorical) {

    /** matplotlib's default margin: 5 % of the data span on each side. */
    static final double MARGIN = 0.05;

    /**
     * A numeric axis over data [lo, hi] padded by {@code margin} of the span; NaN bounds (no data) give [0, 1]; a
     * zero span is widened so the axis stays drawable.
     */
    static Axis numeric(double lo, double hi, double margin, double lengthPts, double ptsPerTick) {
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            lo = 0;
            hi = 1;
        } else if (lo == hi) {
            double pad = lo == 0 ? 0.5 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        } else {
            double pad = (hi - lo) * margin;
            lo -= pad;
            hi += pad;
        }
        return exact(lo, hi, lengthPts, ptsPerTick);
    }

    /** A numeric axis showing exactly [lo, hi]. */
    static Axis exact(double lo, double hi, double lengthPts, double ptsPerTick) {
        int maxBins = (int) Math.max(3, Math.min(9, Math.floor(lengthPts / ptsPerTick)));
        double step = Ticks.step(lo, hi, maxBins);
        double[] ticks = Ticks.positions(lo, hi, step);
        return new Axis(lo, hi, ticks, Ticks.labels(ticks, step), false);
    }

    /**
     * Categories at 0..n-1 over [-0.5, n-0.5] ({@code topDown}: first category at the top of a vertical axis); when
     * labels would crowd, only every k-th is shown so neighbours are at least {@code minSpacingPts} apart.
     */
    static Axis categorical(String[] names, boolean topDown, double lengthPts, double minSpacingPts) {
        int n = names.length;
        int every = (int) Math.max(1, Math.ceil(n * minSpacingPts / Math.max(1, lengthPts)));
        int shown = (n + every - 1) / every;
        double[] ticks = new double[shown];
        String[] labels = new String[shown];
        for (int i = 0; i < shown; i++) {
            ticks[i] = i * every;
            labels[i] = names[i * every];
        }
        return topDown ? new Axis(n - 0.5, -0.5, ticks, labels, true) : new Axis(-0.5, n - 0.5, ticks, labels, true);
    }

    /** Position of {@code v} as a fraction of the axis from its min end. */
    double fraction(double v) {
        return (v - min) / (max - min);
    }

    double widestLabel(double fontSize) {
        double w = 0;
        for (String l : labels) w = Math.max(w, TextMetrics.width(l, fontSize, false));
        return w;
    }
}
