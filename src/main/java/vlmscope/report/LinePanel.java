package vlmscope.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lines over a numeric x axis, with optional translucent bands (e.g. ± s.e.m.), horizontal/vertical reference lines
 * and a legend. Colours follow the tab10 cycle unless given; a band takes the colour of the line with its label.
 * NaN values are skipped: a line or band breaks there.
 */
public final class LinePanel extends Panel {

    private record Line(String label, double[] x, double[] y, Colour colour, boolean dashed) {
    }

    private record Band(String label, double[] x, double[] lo, double[] hi, Colour colour) {
    }

    private final Titles titles;
    private final List<Line> lines = new ArrayList<>();
    private final List<Band> bands = new ArrayList<>();
    private final List<Double> hlines = new ArrayList<>();
    private final List<Double> vlines = new ArrayList<>();
    private double yLo = Double.NaN;
    private double yHi = Double.NaN;
    private double xLo = Double.NaN;
    private double xHi = Double.NaN;
    private boolean markers;
    private boolean legend = true;

    public LinePanel(String title, String xLabel, String yLabel) {
        this.titles = new Titles(title, xLabel, yLabel);
    }

    /** A line in the next cycle colour; {@code label} null keeps it out of the legend. */
    public LinePanel line(String label, double[] x, double[] y) {
        return line(label, x, y, null, false);
    }

    public LinePanel line(String label, double[] x, double[] y, Colour colour) {
        return line(label, x, y, colour, false);
    }

    /** A line with a given colour (null: next in the cycle), solid or dashed. */
    public LinePanel line(String label, double[] x, double[] y, Colour colour, boolean dashed) {
        sameLength(x, y);
        lines.add(new Line(label, x.clone(), y.clone(), colour, dashed));
        return this;
    }

    /** A translucent band between {@code lo} and {@code hi}, coloured like the line labelled {@code label}. */
    public LinePanel band(String label, double[] x, double[] lo, double[] hi) {
        return band(label, x, lo, hi, null);
    }

    public LinePanel band(String label, double[] x, double[] lo, double[] hi, Colour colour) {
        sameLength(x, lo);
        sameLength(x, hi);
        bands.add(new Band(label, x.clone(), lo.clone(), hi.clone(), colour));
        return this;
    }

    /** A dashed gray horizontal reference line at {@code y}. */
    public LinePanel hline(double y) {
        hlines.add(y);
        return this;
    }

    /** A dashed gray vertical reference line at {@code x}. */
    public LinePanel vline(double x) {
        vlines.add(x);
        return this;
    }

    /** Fixes the visible y range (no margins). */
    public LinePanel yRange(double lo, double hi) {
        checkRange(lo, hi);
        yLo = lo;
        yHi = hi;
        return this;
    }

    /** Fixes the visible x range (no margins). */
    public LinePanel xRange(double lo, double hi) {
        checkRange(lo, hi);
        xLo = lo;
        xHi = hi;
        return this;
    }

    /** Draws a small circle at every finite point. */
    public LinePanel markers(boolean on) {
        markers = on;
        return this;
    }

    /** Shows or hides the legend (shown by default when any series has a label). */
    public LinePanel legend(boolean on) {
        legend = on;
        return this;
    }

    @Override
    void draw(Canvas c, Rect area) {
        Colour[] lineColours = new Colour[lines.size()];
        int cycle = 0;
        for (int i = 0; i < lines.size(); i++) {
            lineColours[i] = lines.get(i).colour() != null ? lines.get(i).colour() : Colours.cycle(cycle++);
        }
        Colour[] bandColours = new Colour[bands.size()];
        for (int i = 0; i < bands.size(); i++) {
            Band b = bands.get(i);
            bandColours[i] = b.colour() != null ? b.colour() : colourOfLine(b.label(), lineColours);
            if (bandColours[i] == null) bandColours[i] = Colours.cycle(cycle++);
        }

        double[] xr = Panel.emptyRange();
        double[] yr = Panel.emptyRange();
        for (Line l : lines) finitePairs(l.x(), l.y(), xr, yr);
        for (Band b : bands) {
            finitePairs(b.x(), b.lo(), xr, yr);
            finitePairs(b.x(), b.hi(), xr, yr);
        }
        for (double h : hlines) Panel.extend(yr, h);
        for (double v : vlines) Panel.extend(xr, v);
        double roughW = area.width() - 60;
        double roughH = area.height() - 50;
        Axis x = Double.isNaN(xLo) ? Axis.numeric(xr[0], xr[1], Axis.MARGIN, roughW, 55) : Axis.exact(xLo, xHi, roughW, 55);
        Axis y = Double.isNaN(yLo) ? Axis.numeric(yr[0], yr[1], Axis.MARGIN, roughH, 30) : Axis.exact(yLo, yHi, roughH, 30);
        XyFrame f = XyFrame.layout(area, titles, x, y, 0);

        c.clip(f.plot());
        for (int i = 0; i < bands.size(); i++) {
            Band b = bands.get(i);
            for (int[] run : finiteRuns(b.x(), b.lo(), b.hi())) {
                int n = run[1] - run[0];
                double[] px = new double[2 * n];
                double[] py = new double[2 * n];
                for (int k = 0; k < n; k++) {
                    int j = run[0] + k;
                    px[k] = f.px(b.x()[j]);
                    py[k] = f.py(b.hi()[j]);
                    px[2 * n - 1 - k] = f.px(b.x()[j]);
                    py[2 * n - 1 - k] = f.py(b.lo()[j]);
                }
                c.fillPolygon(px, py, bandColours[i].withAlpha(0.2));
            }
        }
        Stroke reference = Stroke.dashed(Colours.GRAY, 0.8);
        for (double h : hlines) c.line(f.plot().x(), f.py(h), f.plot().right(), f.py(h), reference);
        for (double v : vlines) c.line(f.px(v), f.plot().y(), f.px(v), f.plot().bottom(), reference);
        List<Double> pointsX = new ArrayList<>();
        List<Double> pointsY = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            Stroke stroke = new Stroke(lineColours[i], 1.5, l.dashed());
            for (int[] run : finiteRuns(l.x(), l.y())) {
                int n = run[1] - run[0];
                double[] px = new double[n];
                double[] py = new double[n];
                for (int k = 0; k < n; k++) {
                    px[k] = f.px(l.x()[run[0] + k]);
                    py[k] = f.py(l.y()[run[0] + k]);
                    pointsX.add(px[k]);
                    pointsY.add(py[k]);
                }
                if (n == 1 && !markers) c.circle(px[0], py[0], 1.5, lineColours[i], null);
                else c.polyline(px, py, stroke);
                if (markers) for (int k = 0; k < n; k++) c.circle(px[k], py[k], 2.5, lineColours[i], null);
            }
        }
        c.unclip();
        f.drawAxes(c);

        if (!legend) return;
        List<Legend.Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            if (l.label() != null) entries.add(new Legend.Entry(l.label(), lineColours[i], Legend.Kind.LINE, l.dashed()));
        }
        for (int i = 0; i < bands.size(); i++) {
            Band b = bands.get(i);
            if (b.label() != null && colourOfLine(b.label(), lineColours) == null) {
                entries.add(new Legend.Entry(b.label(), bandColours[i].withAlpha(0.35), Legend.Kind.PATCH, false));
            }
        }
        Legend.draw(c, f.plot(), entries, unbox(pointsX), unbox(pointsY));
    }

    private Colour colourOfLine(String label, Colour[] lineColours) {
        if (label == null) return null;
        for (int i = 0; i < lines.size(); i++) if (Objects.equals(lines.get(i).label(), label)) return lineColours[i];
        return null;
    }

    /** Maximal index runs [start, end) where every given array is finite. */
    static List<int[]> finiteRuns(double[]... arrays) {
        List<int[]> runs = new ArrayList<>();
        int n = arrays[0].length;
        int start = -1;
        for (int i = 0; i <= n; i++) {
            boolean ok = i < n;
            for (int a = 0; ok && a < arrays.length; a++) ok = Double.isFinite(arrays[a][i]);
            if (ok && start < 0) start = i;
            if (!ok && start >= 0) {
                runs.add(new int[]{start, i});
                start = -1;
            }
        }
        return runs;
    }

    private static void finitePairs(double[] x, double[] y, double[] xr, double[] yr) {
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                Panel.extend(xr, x[i]);
                Panel.extend(yr, y[i]);
            }
        }
    }

    static double[] unbox(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = values.get(i);
        return out;
    }

    private static void sameLength(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("x has " + a.length + " values but y has " + b.length);
    }

    static void checkRange(double lo, double hi) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
            throw new IllegalArgumentException("range must be finite with lo < hi, got [" + lo + ", " + hi + "]");
        }
    }
}
