package vlmscope.world;

import java.util.Optional;

/**
 * The world's definitions of the spatial relations, on box centres. Each returns the answer word, or empty
 * when the scene is too close to the boundary to call (no question is then asked). Generators place objects
 * so that the relation they intend is clear by these same definitions.
 */
public final class SpatialRelations {

    /** Centre distance, as a fraction of the canvas width, at or below which two objects are "near". */
    public static final double NEAR_MAX = 0.30;
    /** Centre distance, as a fraction of the canvas width, at or above which two objects are "far". */
    public static final double FAR_MIN = 0.55;
    /** Smallest depth difference that makes front/behind clear. */
    public static final double MIN_DEPTH_GAP = 0.3;

    private SpatialRelations() {
    }

    /** "left" or "right": is {@code a} to the left or right of {@code b}? Needs a gap of half their mean width. */
    public static Optional<String> leftRight(SceneObject a, SceneObject b) {
        double dx = a.centre().x() - b.centre().x();
        double margin = 0.25 * (a.box().width() + b.box().width());
        if (Math.abs(dx) < margin) return Optional.empty();
        return Optional.of(dx < 0 ? "left" : "right");
    }

    /** "above" or "below" (smaller y is higher). Needs a gap of half their mean height. */
    public static Optional<String> aboveBelow(SceneObject a, SceneObject b) {
        double dy = a.centre().y() - b.centre().y();
        double margin = 0.25 * (a.box().height() + b.box().height());
        if (Math.abs(dy) < margin) return Optional.empty();
        return Optional.of(dy < 0 ? "above" : "below");
    }

    /** "near" or "far", from the centre distance relative to the canvas width. */
    public static Optional<String> nearFar(SceneObject a, SceneObject b, int canvasWidth) {
        double d = a.centre().distanceTo(b.centre()) / canvasWidth;
        if (d <= NEAR_MAX) return Optional.of("near");
        if (d >= FAR_MIN) return Optional.of("far");
        return Optional.empty();
    }

    /**
     * "yes" when the subject's centre projects onto the middle half of the segment between the two others'
     * centres and lies within a quarter of the mean object size of it; "no" when it projects outside the
     * segment or lies a full mean size away from its line.
     */
    public static Optional<String> inBetween(SceneObject subject, SceneObject first, SceneObject second) {
        Point p = subject.centre(), a = first.centre(), b = second.centre();
        double ex = b.x() - a.x(), ey = b.y() - a.y(), length2 = ex * ex + ey * ey;
        if (length2 == 0) return Optional.empty();
        double t = ((p.x() - a.x()) * ex + (p.y() - a.y()) * ey) / length2;
        double off = Math.abs((p.x() - a.x()) * ey - (p.y() - a.y()) * ex) / Math.sqrt(length2);
        double size = (subject.box().width() + first.box().width() + second.box().width()) / 3.0;
        if (t >= 0.25 && t <= 0.75 && off <= 0.25 * size) return Optional.of("yes");
        if (t < 0 || t > 1 || off >= size) return Optional.of("no");
        return Optional.empty();
    }

    /** "front" or "behind", from the depths of a depth scene (flat scenes have depth 0 and get no answer). */
    public static Optional<String> frontBehind(SceneObject a, SceneObject b) {
        if (a.depth() <= 0 || b.depth() <= 0 || Math.abs(a.depth() - b.depth()) < MIN_DEPTH_GAP)
            return Optional.empty();
        return Optional.of(a.depth() < b.depth() ? "front" : "behind");
    }
}
