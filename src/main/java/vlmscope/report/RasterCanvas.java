package vlmscope.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** Draws onto a Java2D raster at a given dpi with antialiasing, for PNG output. */
final class RasterCanvas implements Canvas {

    private final BufferedImage image;
    private final Graphics2D g;
    private final AffineTransform base;

    /** A white canvas of {@code width × height} points rendered at {@code dpi}. */
    RasterCanvas(double width, double height, double dpi) {
        double scale = dpi / 72.0;
        image = new BufferedImage((int) Math.round(width * scale), (int) Math.round(height * scale), BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.scale(scale, scale);
        base = g.getTransform();
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Stroke stroke) {
        apply(stroke);
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xs, double[] ys, Stroke stroke) {
        apply(stroke);
        g.draw(path(xs, ys, false));
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, Colour fill) {
        g.setColor(awt(fill));
        g.fill(path(xs, ys, true));
    }

    @Override
    public void rect(Rect r, Colour fill, Stroke stroke) {
        paint(new Rectangle2D.Double(r.x(), r.y(), r.width(), r.height()), fill, stroke);
    }

    @Override
    public void circle(double cx, double cy, double radius, Colour fill, Stroke stroke) {
        paint(new Ellipse2D.Double(cx - radius, cy - radius, 2 * radius, 2 * radius), fill, stroke);
    }

    /** Fills {@code shape} with {@code fill}, then outlines it with {@code stroke}; either may be null (none). */
    private void paint(Shape shape, Colour fill, Stroke stroke) {
        if (fill != null) {
            g.setColor(awt(fill));
            g.fill(shape);
        }
        if (stroke != null) {
            apply(stroke);
            g.draw(shape);
        }
    }

    @Override
    public void text(double x, double y, String text, TextStyle style) {
        Font font = new Font("DejaVu Sans", style.bold() ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) style.size());
        g.setFont(font);
        g.setColor(awt(style.colour()));
        double w = g.getFontMetrics().getStringBounds(text, g).getWidth();
        double dx = switch (style.hAlign()) {
            case START -> 0;
            case MIDDLE -> -w / 2;
            case END -> -w;
        };
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (style.rotation() != 0) g.rotate(Math.toRadians(-style.rotation()));
        g.drawString(text, (float) dx, (float) style.baselineShift());
        g.setTransform(saved);
    }

    @Override
    public void clip(Rect r) {
        g.setClip(new Rectangle2D.Double(r.x(), r.y(), r.width(), r.height()));
    }

    @Override
    public void unclip() {
        g.setClip(null);
    }

    /** The finished image; the canvas is no longer usable afterwards. */
    BufferedImage finish() {
        g.setTransform(base);
        g.dispose();
        return image;
    }

    private void apply(Stroke s) {
        g.setColor(awt(s.colour()));
        float w = (float) s.width();
        if (s.dashed()) {
            double[] d = s.dashPattern();
            g.setStroke(new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                    new float[]{(float) d[0], (float) d[1]}, 0f));
        } else {
            g.setStroke(new BasicStroke(w, BasicStroke.CAP_SQUARE, BasicStroke.JOIN_ROUND));
        }
    }

    private static Path2D path(double[] xs, double[] ys, boolean closed) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < xs.length; i++) {
            if (i == 0) p.moveTo(xs[i], ys[i]);
            else p.lineTo(xs[i], ys[i]);
        }
        if (closed) p.closePath();
        return p;
    }

    private static Color awt(Colour c) {
        return new Color(c.red(), c.green(), c.blue(), (int) Math.round(c.alpha() * 255));
    }
}
