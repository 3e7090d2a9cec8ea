package vlmscope.report;

import java.util.List;

/**
 * A legend box inside the plot, at the corner ("best", as matplotlib) that covers the fewest data points; ties go
 * to upper right, upper left, lower left, lower right in that order.
 */
final class Legend {

    static final double SIZE = 9;
    private static final double HANDLE = 18;
    private static final double GAP = 4;

    /** One legend line: a label and how its handle looks. */
    record Entry(String label, Colour colour, Kind kind, boolean dashed) {
    }

    enum Kind { LINE, PATCH, MARKER }

    private Legend() {
    }

    /** Draws the entries (if any) in {@code plot}; {@code xs, ys} are the data points in figure points. */
    static void draw(Canvas c, Rect plot, List<Entry> entries, double[] xs, double[] ys) {
        if (entries.isEmpty()) return;
        double row = SIZE * 1.45;
        double labelWidth = 0;
        for (Entry e : entries) labelWidth = Math.max(labelWidth, TextMetrics.width(e.label(), SIZE, false));
        double w = GAP + HANDLE + GAP + labelWidth + GAP;
        double h = GAP + row * entries.size() + GAP / 2;
        double inset = 5;
        Rect[] corners = {
                new Rect(plot.right() - inset - w, plot.y() + inset, w, h),
                new Rect(plot.x() + inset, plot.y() + inset, w, h),
                new Rect(plot.x() + inset, plot.bottom() - inset - h, w, h),
                new Rect(plot.right() - inset - w, plot.bottom() - inset - h, w, h)};
        Rect best = corners[0];
        int fewest = Integer.MAX_VALUE;
        for (Rect r : corners) {
            int covered = 0;
            for (int i = 0; i < xs.length; i++) if (r.contains(xs[i], ys[i])) covered++;
            if (covered < fewest) {
                fewest = covered;
                best = r;
            }
        }
        c.rect(best, Colours.WHITE.withAlpha(0.8), Stroke.solid(Colour.hex("#cccccc"), 0.8));
        TextStyle text = TextStyle.of(SIZE).align(TextStyle.HAlign.START, TextStyle.VAlign.MIDDLE);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            double cy = best.y() + GAP + row * (i + 0.5);
            double hx = best.x() + GAP;
            switch (e.kind()) {
                case LINE -> c.line(hx, cy, hx + HANDLE, cy, new Stroke(e.colour(), 1.5, e.dashed()));
                case PATCH -> c.rect(new Rect(hx, cy - SIZE * 0.35, HANDLE, SIZE * 0.7), e.colour(), null);
                case MARKER -> c.circle(hx + HANDLE / 2, cy, 3, e.colour(), null);
            }
            c.text(hx + HANDLE + GAP, cy, e.label(), text);
        }
    }
}
