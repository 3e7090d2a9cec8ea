package vlmscope.world;

/** A point in canvas pixels (x to the right, y downward). */
public record Point(double x, double y) {

    public double distanceTo(Point other) {
        return Math.hypot(other.x - x, other.y - y);
    }
}
