package vlmscope.world;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One object of a scene with its full annotation.
 *
 * @param kind    the one-word kind name (see {@link Catalogue})
 * @param colour  the one-word colour name (see {@link Palette})
 * @param rgb     the fill colour, "#rrggbb"
 * @param box     the sprite's box in canvas pixels
 * @param depth   distance from the camera along the ground plane (1 = nearest row of a depth scene);
 *                0 in flat scenes, where depth carries no meaning
 * @param cell    the grid cell in grid scenes, else null
 * @param flipped whether the sprite is drawn mirrored left/right
 */
@JsonIgnoreProperties(value = {"centre"}, allowGetters = true)
public record SceneObject(String kind, String colour, String rgb, Box box, double depth, GridCell cell,
                          boolean flipped) {

    /** A flat-scene object of a palette colour. */
    public static SceneObject of(String kind, NamedColour colour, Box box) {
        return new SceneObject(kind, colour.name(), colour.hex(), box, 0, null, false);
    }

    /** The centre of the box (annotation field "centre"). */
    @JsonProperty("centre")
    public Point centre() {
        return box.centre();
    }

    public SceneObject withDepth(double newDepth) {
        return new SceneObject(kind, colour, rgb, box, newDepth, cell, flipped);
    }

    public SceneObject withCell(GridCell newCell) {
        return new SceneObject(kind, colour, rgb, box, depth, newCell, flipped);
    }

    /** This object in a horizontally mirrored canvas (grid of {@code cells} per side when it has a cell). */
    public SceneObject mirrored(int canvasWidth, int cells) {
        return new SceneObject(kind, colour, rgb, box.mirrored(canvasWidth), depth,
                cell == null ? null : cell.mirrored(cells), !flipped);
    }
}
