package vlmscope.world;

import java.util.List;

/**
 * A still scene: canvas size, background and objects. Objects are painted in list order, so a later object
 * occludes an earlier one where they overlap (depth scenes list far objects first).
 *
 * @param gridCells  m for an m×m grid scene, 0 for free placement
 * @param recoloured true once the pixels were rainbow-recoloured: colour names no longer describe the image
 */
public record Scene(int width, int height, Background background, int gridCells, List<SceneObject> objects,
                    boolean recoloured) {

    public Scene {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("canvas must be positive: " + width + "x" + height);
        objects = List.copyOf(objects);
    }

    public static Scene flat(int width, int height, Background background, List<SceneObject> objects) {
        return new Scene(width, height, background, 0, objects, false);
    }

    /** The annotation of the horizontally mirrored image: boxes, centres, cells and sprites flipped. */
    public Scene mirrored() {
        return new Scene(width, height, background.mirroredCopy(), gridCells,
                objects.stream().map(o -> o.mirrored(width, gridCells)).toList(), recoloured);
    }

    /** The annotation after a rainbow recolour: the layout is unchanged, colour words are no longer valid. */
    public Scene asRecoloured() {
        return new Scene(width, height, background, gridCells, objects, true);
    }

    public SceneObject object(String kind) {
        return objects.stream().filter(o -> o.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + kind + " in scene"));
    }
}
