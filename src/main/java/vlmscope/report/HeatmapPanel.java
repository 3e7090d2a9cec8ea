package vlmscope.report;

/**
 * A matrix of coloured cells (row 0 at the top, as matplotlib's imshow) with row/column labels, a colour bar on the
 * right and optional value annotations. NaN cells stay blank. Default colour range: the finite min–max (symmetric
 * about 0 for a diverging map).
 */
public final class HeatmapPanel extends Panel {

    private static final double BAR_GAP = 10;
    private static final double BAR_WIDTH = 11;

    private Titles titles;
    private final String[] rowLabels;
    private final String[] colLabels;
    private final double[][] values; // [rows, cols]
    private double min = Double.NaN;
    private double max = Double.NaN;
    private boolean annotate;
    private ColourMap map = ColourMap.VIRIDIS;

    public HeatmapPanel(String title, String[] rowLabels, String[] colLabels, double[][] values) {
        if (values.length != rowLabels.length) {
            throw new IllegalArgumentException(values.length + " rows of values for " + rowLabels.length + " row labels");
        }
        for (double[] row : values) {
            if (row.length != colLabels.length) {
                throw new IllegalArgumentException("a row has " + row.length + " values for " + colLabels.length + " column labels");
            }
        }
        this.titles = new Titles(title, null, null);
        this.rowLabels = rowLabels.clone();
        this.colLabels = colLabels.clone();
        this.values = new double[values.length][];
        for (int r = 0; r < values.length; r++) this.values[r] = values[r].clone();
    }

    /** Fixes the colour range; values outside it get the end colours. */
    public HeatmapPanel range(double lo, double hi) {
        LinePanel.checkRange(lo, hi);
        min = lo;
        max = hi;
        return this;
    }

    /** Writes each cell's value in it. */
    public HeatmapPanel annotate(boolean on) {
        annotate = on;
        return this;
    }

    public HeatmapPanel colourMap(ColourMap m) {
        map = m;
        return this;
    }

    /** Axis labels for the columns (x) and rows (y). */
    public HeatmapPanel labels(String columnsLabel, String rowsLabel) {
        titles = titles.withAxes(columnsLabel, rowsLabel);
        return this;
    }

    @Override
    void draw(Canvas c, Rect area) {
        double lo = min;
        double hi = max;
        if (Double.isNaN(lo)) {
            double[] r = Panel.emptyRange();
            for (double[] row : values) Panel.extend(r, row);
            lo = Double.isNaN(r[0]) ? 0 : r[0];
            hi = Double.isNaN(r[1]) ? 1 : r[1];
            if (map == ColourMap.RDBU_R) {
                double m = Math.max(Math.abs(lo), Math.abs(hi));
                lo = -m;
                hi = m;
            }
            if (lo == hi) {
                lo -= 0.5;
                hi += 0.5;
            }
        }
        Axis colourAxis = Axis.exact(lo, hi, area.height() - 60, 30);
        double barReserve = BAR_GAP + BAR_WIDTH + XyFrame.TICK_LENGTH + XyFrame.TICK_PAD + colourAxis.widestLabel(XyFrame.TICK_SIZE);
        double roughW = area.width() - 60 - barReserve;
        double roughH = area.height() - 50;
        Axis x = Axis.categorical(colLabels, false, roughW, 12);
        Axis y = Axis.categorical(rowLabels, true, roughH, TextMetrics.height(XyFrame.TICK_SIZE));
        XyFrame f = XyFrame.layout(area, titles, x, y, barReserve);

        TextStyle cellText = TextStyle.of(Math.min(9, Math.max(5, f.plot().height() / rowLabels.length * 0.45)))
                .align(TextStyle.HAlign.MIDDLE, TextStyle.VAlign.MIDDLE);
        for (int r = 0; r < rowLabels.length; r++) {
            for (int col = 0; col < colLabels.length; col++) {
                double v = values[r][col];
                if (!Double.isFinite(v)) continue;
                double x0 = f.px(col - 0.5);
                double y0 = f.py(r - 0.5);
                double y1 = f.py(r + 0.5);
                Colour fill = map.at((v - lo) / (hi - lo));
                // cells overlap by a hair so antialiasing shows no seams
                c.rect(new Rect(x0, Math.min(y0, y1), f.px(col + 0.5) - x0 + 0.3, Math.abs(y1 - y0) + 0.3), fill, null);
                if (annotate) {
                    Colour ink = fill.luminance() > 0.5 ? Colours.BLACK : Colours.WHITE;
                    c.text(f.px(col), f.py(r), Ticks.compact(v), cellText.colour(ink));
                }
            }
        }
        f.drawAxes(c);

        Rect bar = new Rect(f.plot().right() + BAR_GAP, f.plot().y(), BAR_WIDTH, f.plot().height());
        int steps = 64;
        for (int i = 0; i < steps; i++) {
            double top = bar.y() + bar.height() * i / steps;
            c.rect(new Rect(bar.x(), top, bar.width(), bar.height() / steps + 0.3), map.at(1 - (i + 0.5) / steps), null);
        }
        c.rect(bar, null, XyFrame.SPINE);
        TextStyle tick = TextStyle.of(XyFrame.TICK_SIZE).align(TextStyle.HAlign.START, TextStyle.VAlign.MIDDLE);
        for (int i = 0; i < colourAxis.ticks().length; i++) {
            double py = bar.bottom() - colourAxis.fraction(colourAxis.ticks()[i]) * bar.height();
            c.line(bar.right(), py, bar.right() + XyFrame.TICK_LENGTH, py, XyFrame.SPINE);
            c.text(bar.right() + XyFrame.TICK_LENGTH + XyFrame.TICK_PAD, py, colourAxis.labels()[i], tick);
        }
    }
}
