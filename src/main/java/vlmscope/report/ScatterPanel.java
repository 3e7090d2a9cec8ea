package vlmscope.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points, arrows and text labels in data coordinates (e.g. spatial-ID vectors projected on a plane). Points sharing
 * a label get one legend entry. {@link #equalAspect()} makes one data unit equally long on both axes.
 */
public final class ScatterPanel extends Panel {

    private record Point(double x, double y, Colour colour, String label) {
    }

    private record Arrow(double x0, double y0, double x1, double y1, Colour colour) {
    }

    private record Note(double x, double y, String text) {
    }

    private final Titles titles;
    private final List<Point> points = new ArrayList<>();
    private final List<Arrow> arrows = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();
    private boolean equalAspect;

    public ScatterPanel(String title, String xLabel, String yLabel) {
        this.titles = new Titles(title, xLabel, yLabel);
    }

    /** A point; {@code label} (nullable) is its legend entry. Non-finite points are skipped. */
    public ScatterPanel point(double x, double y, Colour c, String label) {
        points.add(new Point(x, y, c, label));
        return this;
    }

    /** An arrow from (x0, y0) to (x1, y1) with a filled head. */
    public ScatterPanel arrow(double x0, double y0, double x1, double y1, Colour c) {
        arrows.add(new Arrow(x0, y0, x1, y1, c));
        return this;
    }

    /** A small text whose lower-left corner is just above-right of (x, y). */
    public ScatterPanel text(double x, double y, String text) {
        notes.add(new Note(x, y, text));
        return this;
    }

    public ScatterPanel equalAspect() {
        equalAspect = true;
        return this;
    }

    @Override
    void draw(Canvas c, Rect area) {
        double[] xr = Panel.emptyRange();
        double[] yr = Panel.emptyRange();
        for (Point p : points) if (Double.isFinite(p.x()) && Double.isFinite(p.y())) {
            Panel.extend(xr, p.x());
            Panel.extend(yr, p.y());
        }
        for (Arrow a : arrows) if (finite(a)) {
            Panel.extend(xr, a.x0(), a.x1());
            Panel.extend(yr, a.y0(), a.y1());
        }
        for (Note n : notes) if (Double.isFinite(n.x()) && Double.isFinite(n.y())) {
            Panel.extend(xr, n.x());
            Panel.extend(yr, n.y());
        }
        double roughW = area.width() - 60;
        double roughH = area.height() - 50;
        Axis x = Axis.numeric(xr[0], xr[1], Axis.MARGIN, roughW, 55);
        Axis y = Axis.numeric(yr[0], yr[1], Axis.MARGIN, roughH, 30);
        XyFrame f = XyFrame.layout(area, titles, x, y, 0);
        if (equalAspect) f = equalise(f);

        c.clip(f.plot());
        for (Arrow a : arrows) if (finite(a)) drawArrow(c, f.px(a.x0()), f.py(a.y0()), f.px(a.x1()), f.py(a.y1()), a.colour());
        List<Double> pxs = new ArrayList<>();
        List<Double> pys = new ArrayList<>();
        Map<String, Colour> legend = new LinkedHashMap<>();
        for (Point p : points) {
            if (!(Double.isFinite(p.x()) && Double.isFinite(p.y()))) continue;
            c.circle(f.px(p.x()), f.py(p.y()), 3, p.colour(), null);
            pxs.add(f.px(p.x()));
            pys.add(f.py(p.y()));
            if (p.label() != null) legend.putIfAbsent(p.label(), p.colour());
        }
        c.unclip();
        TextStyle noteStyle = TextStyle.of(8).align(TextStyle.HAlign.START, TextStyle.VAlign.BOTTOM);
        for (Note n : notes) {
            if (Double.isFinite(n.x()) && Double.isFinite(n.y())) c.text(f.px(n.x()) + 3, f.py(n.y()) - 2, n.text(), noteStyle);
        }
        f.drawAxes(c);
        List<Legend.Entry> entries = new ArrayList<>();
        legend.forEach((label, colour) -> entries.add(new Legend.Entry(label, colour, Legend.Kind.MARKER, false)));
        Legend.draw(c, f.plot(), entries, LinePanel.unbox(pxs), LinePanel.unbox(pys));
    }

    /** Widens the axis with fewer data units per point so both have the same scale (matplotlib's "datalim"). */
    private static XyFrame equalise(XyFrame f) {
        double ux = Math.abs(f.x().max() - f.x().min()) / f.plot().width();
        double uy = Math.abs(f.y().max() - f.y().min()) / f.plot().height();
        if (ux > uy) {
            double half = ux * f.plot().height() / 2;
            double mid = (f.y().min() + f.y().max()) / 2;
            return f.withAxes(f.x(), Axis.exact(mid - half, mid + half, f.plot().height(), 30));
        }
        double half = uy * f.plot().width() / 2;
        double mid = (f.x().min() + f.x().max()) / 2;
        return f.withAxes(Axis.exact(mid - half, mid + half, f.plot().width(), 55), f.y());
    }

    private static void drawArrow(Canvas c, double x0, double y0, double x1, double y1, Colour colour) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double length = Math.hypot(dx, dy);
        if (length < 1e-9) return;
        double ux = dx / length;
        double uy = dy / length;
        double head = Math.min(8, length * 0.6);
        double halfWidth = head * 0.35;
        double bx = x1 - ux * head;
        double by = y1 - uy * head;
        c.line(x0, y0, bx, by, Stroke.solid(colour, 1.5));
        c.fillPolygon(new double[]{x1, bx - uy * halfWidth, bx + uy * halfWidth},
                new double[]{y1, by + ux * halfWidth, by - ux * halfWidth}, colour);
    }

    private static boolean finite(Arrow a) {
        return Double.isFinite(a.x0()) && Double.isFinite(a.y0()) && Double.isFinite(a.x1()) && Double.isFinite(a.y1());
    }
}
