package vlmscope.world;

import java.awt.Shape;

/**
 * An object kind of the world: a one-word name and its sprite, a silhouette in the unit square
 * (x, y in [0, 1], y downward) that the renderer scales to the object's box.
 */
public record ObjectKind(String name, Shape unitShape) {
}
