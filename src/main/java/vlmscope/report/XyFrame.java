package vlmscope.report;

/**
 * The frame of an x–y panel in matplotlib's default style: four black spines, outward ticks with labels, axis labels
 * and a title; it maps data coordinates to figure points.
 */
record XyFrame(Rect plot, Axis x, Axis y, Titles titles, boolean rotateX) {

    static final double TITLE_SIZE = 12;
    static final double LABEL_SIZE = 10;
    static final double TICK_SIZE = 9;
    static final double TICK_LENGTH = 3.5;
    static final double TICK_PAD = 3.5;
    static final double PAD = 6;
    static final Stroke SPINE = Stroke.solid(Colours.BLACK, 0.8);

    /**
     * Lays the frame out in {@code area}, leaving room for the title, the axis labels, the tick labels and
     * {@code rightReserve} points on the right (a colour bar).
     */
    static XyFrame layout(Rect area, Titles titles, Axis x, Axis y, double rightReserve) {
        double top = PAD + (blank(titles.title()) ? 0 : TextMetrics.height(TITLE_SIZE) + 4);
        double left = PAD + (blank(titles.yLabel()) ? 0 : TextMetrics.height(LABEL_SIZE) + 4) + y.widestLabel(TICK_SIZE) + TICK_LENGTH + TICK_PAD;
        double right = PAD + Math.max(rightReserve, x.categorical() || x.labels().length == 0 ? 0
                : TextMetrics.width(x.labels()[x.labels().length - 1], TICK_SIZE, false) / 2);
        double plotWidth = area.width() - left - right;
        boolean rotate = x.categorical() && crowded(x, plotWidth);
        double tickLabels = rotate ? 0.71 * (x.widestLabel(TICK_SIZE) + TICK_SIZE) : TextMetrics.height(TICK_SIZE);
        double bottom = PAD + (blank(titles.xLabel()) ? 0 : TextMetrics.height(LABEL_SIZE) + 4) + tickLabels + TICK_LENGTH + TICK_PAD;
        return new XyFrame(area.inset(left, top, right, bottom), x, y, titles, rotate);
    }

    private static boolean crowded(Axis x, double plotWidth) {
        double slot = plotWidth / Math.max(1, Math.abs(x.max() - x.min())) * (x.ticks().length > 1 ? x.ticks()[1] - x.ticks()[0] : 1);
        return x.widestLabel(TICK_SIZE) + 4 > slot;
    }

    /** This frame with other axes over the same plot rectangle (used to equalise aspect). */
    XyFrame withAxes(Axis newX, Axis newY) {
        return new XyFrame(plot, newX, newY, titles, rotateX);
    }

    double px(double v) {
        return plot.x() + x.fraction(v) * plot.width();
    }

    double py(double v) {
        return plot.bottom() - y.fraction(v) * plot.height();
    }

    /** Spines, ticks, tick labels, axis labels and title (drawn after the data, as matplotlib does). */
    void drawAxes(Canvas c) {
        c.rect(plot, null, SPINE);
        TextStyle tick = TextStyle.of(TICK_SIZE);
        for (int i = 0; i < x.ticks().length; i++) {
            double px = px(x.ticks()[i]);
            c.line(px, plot.bottom(), px, plot.bottom() + TICK_LENGTH, SPINE);
            double ty = plot.bottom() + TICK_LENGTH + TICK_PAD;
            if (rotateX) c.text(px + 2, ty, x.labels()[i], tick.rotated(45).align(TextStyle.HAlign.END, TextStyle.VAlign.TOP));
            else c.text(px, ty, x.labels()[i], tick.align(TextStyle.HAlign.MIDDLE, TextStyle.VAlign.TOP));
        }
        for (int i = 0; i < y.ticks().length; i++) {
            double py = py(y.ticks()[i]);
            c.line(plot.x() - TICK_LENGTH, py, plot.x(), py, SPINE);
            c.text(plot.x() - TICK_LENGTH - TICK_PAD, py, y.labels()[i], tick.align(TextStyle.HAlign.END, TextStyle.VAlign.MIDDLE));
        }
        if (!blank(titles.title())) {
            c.text(plot.centreX(), plot.y() - 6, titles.title(), TextStyle.of(TITLE_SIZE).align(TextStyle.HAlign.MIDDLE, TextStyle.VAlign.BOTTOM));
        }
        TextStyle label = TextStyle.of(LABEL_SIZE);
        if (!blank(titles.xLabel())) {
            double tickLabels = rotateX ? 0.71 * (x.widestLabel(TICK_SIZE) + TICK_SIZE) : TextMetrics.height(TICK_SIZE);
            c.text(plot.centreX(), plot.bottom() + TICK_LENGTH + TICK_PAD + tickLabels + 3, titles.xLabel(),
                    label.align(TextStyle.HAlign.MIDDLE, TextStyle.VAlign.TOP));
        }
        if (!blank(titles.yLabel())) {
            double lx = plot.x() - TICK_LENGTH - TICK_PAD - y.widestLabel(TICK_SIZE) - 4;
            c.text(lx, plot.centreY(), titles.yLabel(), label.rotated(90).align(TextStyle.HAlign.MIDDLE, TextStyle.VAlign.BOTTOM));
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
