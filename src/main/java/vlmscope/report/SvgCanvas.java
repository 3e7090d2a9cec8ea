package vlmscope.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes the drawing as SVG 1.1 text: a viewBox in points, sized to 100 dpi, text as {@code <text>} in a generic
 * sans-serif family (no external fonts). Output depends only on the calls made, so equal figures give equal bytes.
 */
final class SvgCanvas implements Canvas {

    static final String FONT_FAMILY = "DejaVu Sans, Bitstream Vera Sans, Arial, Helvetica, sans-serif";

    private final StringBuilder body = new StringBuilder();
    private final double width;
    private final double height;
    private final double dpi;
    private final String idPrefix;
    private int clips;

    /** A canvas of {@code width × height} points shown at {@code dpi}; clip ids start with {@code idPrefix}. */
    SvgCanvas(double width, double height, double dpi, String idPrefix) {
        this.width = width;
        this.height = height;
        this.dpi = dpi;
        this.idPrefix = idPrefix.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Stroke stroke) {
        body.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"").append(num(x2))
                .append("\" y2=\"").append(num(y2)).append('"').append(strokeAttrs(stroke)).append("/>\n");
    }

    @Override
    public void polyline(double[] xs, double[] ys, Stroke stroke) {
        body.append("<polyline points=\"").append(points(xs, ys)).append("\" fill=\"none\"").append(strokeAttrs(stroke))
                .append(" stroke-linejoin=\"round\" stroke-linecap=\"square\"/>\n");
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, Colour fill) {
        body.append("<polygon points=\"").append(points(xs, ys)).append('"').append(fillAttrs(fill)).append("/>\n");
    }

    @Override
    public void rect(Rect r, Colour fill, Stroke stroke) {
        body.append("<rect x=\"").append(num(r.x())).append("\" y=\"").append(num(r.y())).append("\" width=\"")
                .append(num(r.width())).append("\" height=\"").append(num(r.height())).append('"')
                .append(fillAttrs(fill)).append(strokeAttrs(stroke)).append("/>\n");
    }

    @Override
    public void circle(double cx, double cy, double radius, Colour fill, Stroke stroke) {
        body.append("<circle cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy)).append("\" r=\"").append(num(radius))
                .append('"').append(fillAttrs(fill)).append(strokeAttrs(stroke)).append("/>\n");
    }

    @Override
    public void text(double x, double y, String text, TextStyle style) {
        String anchor = switch (style.hAlign()) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
        body.append("<text");
        if (style.rotation() != 0) {
            body.append(" transform=\"translate(").append(num(x)).append(' ').append(num(y)).append(") rotate(")
                    .append(num(-style.rotation())).append(")\" x=\"0\" y=\"").append(num(style.baselineShift())).append('"');
        } else {
            body.append(" x=\"").append(num(x)).append("\" y=\"").append(num(y + style.baselineShift())).append('"');
        }
        body.append(" font-size=\"").append(num(style.size())).append("\" text-anchor=\"").append(anchor).append('"');
        if (style.bold()) body.append(" font-weight=\"bold\"");
        body.append(fillAttrs(style.colour())).append('>').append(escape(text)).append("</text>\n");
    }

    @Override
    public void clip(Rect r) {
        String id = idPrefix + "-clip" + (++clips);
        body.append("<clipPath id=\"").append(id).append("\"><rect x=\"").append(num(r.x())).append("\" y=\"")
                .append(num(r.y())).append("\" width=\"").append(num(r.width())).append("\" height=\"").append(num(r.height()))
                .append("\"/></clipPath>\n<g clip-path=\"url(#").append(id).append(")\">\n");
    }

    @Override
    public void unclip() {
        body.append("</g>\n");
    }

    /** The complete SVG document. */
    String document() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + num(width * dpi / 72) + "\" height=\""
                + num(height * dpi / 72) + "\" viewBox=\"0 0 " + num(width) + " " + num(height) + "\" font-family=\""
                + FONT_FAMILY + "\">\n<rect x=\"0\" y=\"0\" width=\"" + num(width) + "\" height=\"" + num(height)
                + "\" fill=\"#ffffff\"/>\n" + body + "</svg>\n";
    }

    private static String strokeAttrs(Stroke s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(" stroke=\"").append(s.colour().rgbHex()).append("\" stroke-width=\"")
                .append(num(s.width())).append('"');
        if (s.colour().alpha() < 1) b.append(" stroke-opacity=\"").append(num(s.colour().alpha())).append('"');
        if (s.dashed()) {
            double[] d = s.dashPattern();
            b.append(" stroke-dasharray=\"").append(num(d[0])).append(' ').append(num(d[1])).append('"');
        }
        return b.toString();
    }

    private static String fillAttrs(Colour c) {
        if (c == null) return " fill=\"none\"";
        String f = " fill=\"" + c.rgbHex() + "\"";
        return c.alpha() < 1 ? f + " fill-opacity=\"" + num(c.alpha()) + "\"" : f;
    }

    private static String points(double[] xs, double[] ys) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            if (i > 0) b.append(' ');
            b.append(num(xs[i])).append(',').append(num(ys[i]));
        }
        return b.toString();
    }

    /** A coordinate with at most 2 decimals, no trailing zeros, no "-0". */
    static String num(double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("non-finite coordinate " + v);
        BigDecimal d = BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (d.signum() == 0) return "0";
        return d.toPlainString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t') b.append(' ');
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }
}
