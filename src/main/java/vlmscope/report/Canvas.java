package vlmscope.report;

/**
 * The one drawing surface the panels draw on, in figure points (1/72 inch; origin top left, y down). Implemented by
 * an SVG writer and a Java2D raster; both receive exactly the same calls.
 */
interface Canvas {

    void line(double x1, double y1, double x2, double y2, Stroke stroke);

    /** An open polyline through the points. */
    void polyline(double[] xs, double[] ys, Stroke stroke);

    /** A filled closed polygon (no outline). */
    void fillPolygon(double[] xs, double[] ys, Colour fill);

    /** A rectangle; {@code fill} and {@code stroke} may each be null. */
    void rect(Rect r, Colour fill, Stroke stroke);

    /** A circle; {@code fill} and {@code stroke} may each be null. */
    void circle(double cx, double cy, double radius, Colour fill, Stroke stroke);

    /** One line of text anchored at (x, y) as {@code style} says. */
    void text(double x, double y, String text, TextStyle style);

    /** Clips further drawing to {@code r} until {@link #unclip()}. */
    void clip(Rect r);

    void unclip();
}
