package vlmscope.world;

import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue of object kinds: sixteen silhouettes drawn with Java2D paths, each with a one-word name.
 * They are bold and mostly convex so that they stay recognisable at 16 px; several are left/right
 * asymmetric (arrow, cup, fish, dog, moon) so that a mirror is visible in the pixels.
 */
public final class Catalogue {

    /** In a fixed order; seeded generators index into it. */
    public static final List<ObjectKind> KINDS = List.of(
            new ObjectKind("circle", new Ellipse2D.Double(0.05, 0.05, 0.9, 0.9)),
            new ObjectKind("square", new Rectangle2D.Double(0.1, 0.1, 0.8, 0.8)),
            new ObjectKind("triangle", polygon(0.5, 0.05, 0.95, 0.92, 0.05, 0.92)),
            new ObjectKind("star", star()),
            new ObjectKind("heart", heart()),
            new ObjectKind("cross", union(new Rectangle2D.Double(0.34, 0.05, 0.32, 0.9),
                    new Rectangle2D.Double(0.05, 0.34, 0.9, 0.32))),
            new ObjectKind("diamond", polygon(0.5, 0.02, 0.86, 0.5, 0.5, 0.98, 0.14, 0.5)),
            new ObjectKind("moon", minus(new Ellipse2D.Double(0.05, 0.05, 0.9, 0.9),
                    new Ellipse2D.Double(0.35, -0.05, 0.8, 0.8))),
            new ObjectKind("arrow", union(new Rectangle2D.Double(0.03, 0.37, 0.5, 0.26),
                    polygon(0.48, 0.08, 0.97, 0.5, 0.48, 0.92))),
            new ObjectKind("house", minus(union(new Rectangle2D.Double(0.15, 0.45, 0.7, 0.5),
                    polygon(0.03, 0.5, 0.5, 0.05, 0.97, 0.5)), new Rectangle2D.Double(0.41, 0.68, 0.18, 0.27))),
            new ObjectKind("tree", union(new Rectangle2D.Double(0.4, 0.62, 0.2, 0.35),
                    polygon(0.5, 0.02, 0.82, 0.36, 0.68, 0.36, 0.94, 0.68, 0.06, 0.68, 0.32, 0.36, 0.18, 0.36))),
            new ObjectKind("cup", union(polygon(0.08, 0.18, 0.7, 0.18, 0.62, 0.92, 0.16, 0.92),
                    minus(new Ellipse2D.Double(0.5, 0.3, 0.46, 0.42), new Ellipse2D.Double(0.6, 0.41, 0.24, 0.2)))),
            new ObjectKind("ring", minus(new Ellipse2D.Double(0.05, 0.05, 0.9, 0.9),
                    new Ellipse2D.Double(0.3, 0.3, 0.4, 0.4))),
            new ObjectKind("fish", union(new Ellipse2D.Double(0.03, 0.22, 0.66, 0.56),
                    polygon(0.58, 0.5, 0.97, 0.18, 0.97, 0.82))),
            new ObjectKind("cat", cat()),
            new ObjectKind("dog", dog()));

    private Catalogue() {
    }

    public static Optional<ObjectKind> byName(String name) {
        return KINDS.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return KINDS.stream().map(ObjectKind::name).toList();
    }

    private static Shape polygon(double... xy) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) path.lineTo(xy[i], xy[i + 1]);
        path.closePath();
        return path;
    }

    private static Area union(Shape... shapes) {
        Area area = new Area();
        for (Shape s : shapes) area.add(new Area(s));
        return area;
    }

    private static Area minus(Shape base, Shape hole) {
        Area area = new Area(base);
        area.subtract(new Area(hole));
        return area;
    }

    private static Shape star() {
        double[] xy = new double[20];
        for (int i = 0; i < 10; i++) {
            double r = i % 2 == 0 ? 0.49 : 0.2;
            double angle = -Math.PI / 2 + i * Math.PI / 5;
            xy[2 * i] = 0.5 + r * Math.cos(angle);
            xy[2 * i + 1] = 0.54 + r * Math.sin(angle);
        }
        return polygon(xy);
    }

    private static Shape heart() {
        return union(new Ellipse2D.Double(0.05, 0.1, 0.47, 0.47), new Ellipse2D.Double(0.48, 0.1, 0.47, 0.47),
                polygon(0.07, 0.4, 0.93, 0.4, 0.5, 0.93));
    }

    private static Shape cat() {
        return union(new Ellipse2D.Double(0.12, 0.3, 0.76, 0.66),
                polygon(0.14, 0.5, 0.2, 0.03, 0.48, 0.34),
                polygon(0.86, 0.5, 0.8, 0.03, 0.52, 0.34));
    }

    private static Shape dog() {
        return union(new Rectangle2D.Double(0.12, 0.4, 0.6, 0.28),   // body
                new Rectangle2D.Double(0.6, 0.14, 0.3, 0.3),             // head
                new Rectangle2D.Double(0.86, 0.26, 0.12, 0.13),          // snout
                polygon(0.6, 0.14, 0.7, 0.14, 0.62, 0.42),               // ear
                new Rectangle2D.Double(0.14, 0.6, 0.12, 0.36),           // back leg
                new Rectangle2D.Double(0.56, 0.6, 0.12, 0.36),           // front leg
                polygon(0.14, 0.42, 0.02, 0.18, 0.1, 0.16, 0.2, 0.42));  // tail
    }
}
