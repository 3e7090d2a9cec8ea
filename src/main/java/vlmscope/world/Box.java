package vlmscope.world;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An axis-aligned pixel box: top-left corner ({@code x}, {@code y}) and size, in canvas pixels
 * (x grows to the right, y grows downward). The box covers columns x … x+width−1 and rows y … y+height−1.
 */
public record Box(int x, int y, int width, int height) {

    public Box {
        if (width < 0 || height < 0) throw new IllegalArgumentException("negative box size " + width + "x" + height);
    }

    /** One past the last column. */
    public int right() {
        return x + width;
    }

    /** One past the last row. */
    public int bottom() {
        return y + height;
    }

    public Point centre() {
        return new Point(x + width / 2.0, y + height / 2.0);
    }

    /** The same box seen in a horizontally mirrored canvas of the given width. */
    public Box mirrored(int canvasWidth) {
        return new Box(canvasWidth - x - width, y, width, height);
    }

    /** True when the boxes share at least one pixel; touching edges count as disjoint (docs/paper-mapping.md#blur). */
    public boolean intersects(Box other) {
        return !(right() <= other.x || other.right() <= x || bottom() <= other.y || other.bottom() <= y);
    }

    /** True when the whole box lies on a canvas of the given size. */
    public boolean insideCanvas(int canvasWidth, int canvasHeight) {
        return x >= 0 && y >= 0 && right() <= canvasWidth && bottom() <= canvasHeight;
    }

    /** This box cut to the canvas; may become empty (zero width or height). */
    public Box clampedTo(int canvasWidth, int canvasHeight) {
        int x0 = Math.clamp(x, 0, canvasWidth), y0 = Math.clamp(y, 0, canvasHeight);
        int x1 = Math.clamp(right(), 0, canvasWidth), y1 = Math.clamp(bottom(), 0, canvasHeight);
        return new Box(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    @JsonIgnore
    public boolean isEmpty() {
        return width == 0 || height == 0;
    }
}
