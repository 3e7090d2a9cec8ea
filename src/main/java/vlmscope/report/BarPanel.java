package vlmscope.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Grouped bars, vertical or horizontal (horizontal lists the first category at the top), with optional symmetric
 * error bars. Bars grow from 0; NaN values draw no bar. Colours follow the tab10 cycle unless given.
 */
public final class BarPanel extends Panel {

    private record Series(String label, double[] values, double[] errors, Colour colour) {
    }

    private final Titles titles;
    private final boolean horizontal;
    private String[] categories = new String[0];
    private final List<Series> series = new ArrayList<>();
    private final List<Double> references = new ArrayList<>();
    private double lo = Double.NaN;
    private double hi = Double.NaN;

    /** {@code xLabel}/{@code yLabel} label the horizontal/vertical axis as drawn. */
    public BarPanel(String title, String xLabel, String yLabel, boolean horizontal) {
        this.titles = new Titles(title, xLabel, yLabel);
        this.horizontal = horizontal;
    }

    public BarPanel categories(String... names) {
        categories = names.clone();
        return this;
    }

    /** One bar per category in the next cycle colour; {@code errors} (nullable) are half-lengths of the error bars. */
    public BarPanel series(String label, double[] values, double[] errors) {
        return series(label, values, errors, null);
    }

    public BarPanel series(String label, double[] values, double[] errors, Colour colour) {
        if (values.length != categories.length) {
            throw new IllegalArgumentException("series '" + label + "' has " + values.length + " values for "
                    + categories.length + " categories (call categories(...) first)");
        }
        if (errors != null && errors.length != values.length) {
            throw new IllegalArgumentException("series '" + label + "' has " + errors.length + " errors for " + values.length + " values");
        }
        series.add(new Series(label, values.clone(), errors == null ? null : errors.clone(), colour));
        return this;
    }

    /** A dashed gray reference line across the bars at value {@code v}. */
    public BarPanel reference(double v) {
        references.add(v);
        return this;
    }

    /** Fixes the value axis range. */
    public BarPanel valueRange(double min, double max) {
        LinePanel.checkRange(min, max);
        lo = min;
        hi = max;
        return this;
    }

    @Override
    void draw(Canvas c, Rect area) {
        double[] vr = Panel.emptyRange();
        Panel.extend(vr, 0);
        for (Series s : series) {
            for (int i = 0; i < s.values().length; i++) {
                double e = s.errors() == null || !Double.isFinite(s.errors()[i]) ? 0 : s.errors()[i];
                Panel.extend(vr, s.values()[i] - e, s.values()[i] + e);
            }
        }
        for (double r : references) Panel.extend(vr, r);
        double roughW = area.width() - 60;
        double roughH = area.height() - 50;
        Axis value;
        if (!Double.isNaN(lo)) {
            value = Axis.exact(lo, hi, horizontal ? roughW : roughH, horizontal ? 55 : 30);
        } else {
            // bars stick to 0 as in matplotlib: no margin on the side that ends at 0
            double span = vr[1] - vr[0];
            double vLo = vr[0] < 0 ? vr[0] - span * Axis.MARGIN : 0;
            double vHi = vr[1] > 0 ? vr[1] + span * Axis.MARGIN : 0;
            value = vHi > vLo ? Axis.exact(vLo, vHi, horizontal ? roughW : roughH, horizontal ? 55 : 30)
                    : Axis.numeric(0, 0, 0, horizontal ? roughW : roughH, 30);
        }
        Axis cats = Axis.categorical(categories, horizontal, horizontal ? roughH : roughW,
                horizontal ? TextMetrics.height(XyFrame.TICK_SIZE) : 12);
        XyFrame f = horizontal ? XyFrame.layout(area, titles, value, cats, 0)
                : XyFrame.layout(area, titles, cats, value, 0);

        int k = Math.max(1, series.size());
        double width = 0.8 / k;
        Stroke errorStroke = Stroke.solid(Colours.BLACK, 1);
        List<Double> pointsX = new ArrayList<>();
        List<Double> pointsY = new ArrayList<>();
        Colour[] colours = new Colour[series.size()];
        c.clip(f.plot());
        for (int j = 0; j < series.size(); j++) {
            Series s = series.get(j);
            colours[j] = s.colour() != null ? s.colour() : Colours.cycle(j);
            for (int i = 0; i < categories.length; i++) {
                double v = s.values()[i];
                if (!Double.isFinite(v)) continue;
                double from = i - 0.4 + j * width;
                double to = from + width;
                double mid = (from + to) / 2;
                Rect bar = horizontal
                        ? span(f.px(0), f.px(v), f.py(from), f.py(to))
                        : span(f.px(from), f.px(to), f.py(0), f.py(v));
                c.rect(bar, colours[j], null);
                for (double fx : new double[]{0, 0.5, 1}) {
                    for (double fy : new double[]{0, 0.5, 1}) { // corners, edge midpoints and centre: the legend avoids bars
                        pointsX.add(bar.x() + fx * bar.width());
                        pointsY.add(bar.y() + fy * bar.height());
                    }
                }
                double e = s.errors() == null ? Double.NaN : s.errors()[i];
                if (!(Double.isFinite(e) && e > 0)) continue;
                double cap = Math.min(3, Math.abs(horizontal ? bar.height() : bar.width()) / 2);
                if (horizontal) {
                    double y = f.py(mid);
                    double a = f.px(v - e);
                    double b = f.px(v + e);
                    c.line(a, y, b, y, errorStroke);
                    c.line(a, y - cap, a, y + cap, errorStroke);
                    c.line(b, y - cap, b, y + cap, errorStroke);
                    pointsX.add(b);
                    pointsY.add(y);
                } else {
                    double x = f.px(mid);
                    double a = f.py(v - e);
                    double b = f.py(v + e);
                    c.line(x, a, x, b, errorStroke);
                    c.line(x - cap, a, x + cap, a, errorStroke);
                    c.line(x - cap, b, x + cap, b, errorStroke);
                    pointsX.add(x);
                    pointsY.add(b);
                }
            }
        }
        Stroke reference = Stroke.dashed(Colours.GRAY, 0.8);
        for (double r : references) {
            if (horizontal) c.line(f.px(r), f.plot().y(), f.px(r), f.plot().bottom(), reference);
            else c.line(f.plot().x(), f.py(r), f.plot().right(), f.py(r), reference);
        }
        c.unclip();
        f.drawAxes(c);
        List<Legend.Entry> entries = new ArrayList<>();
        for (int j = 0; j < series.size(); j++) {
            if (series.get(j).label() != null) entries.add(new Legend.Entry(series.get(j).label(), colours[j], Legend.Kind.PATCH, false));
        }
        Legend.draw(c, f.plot(), entries, LinePanel.unbox(pointsX), LinePanel.unbox(pointsY));
    }

    private static Rect span(double x0, double x1, double y0, double y1) {
        return new Rect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
    }
}
