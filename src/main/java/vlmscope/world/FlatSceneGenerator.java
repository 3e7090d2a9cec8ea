package vlmscope.world;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A generator of flat scenes on a square canvas: draws the background first, then the objects the subclass places
 * ({@link #objects}). The order of the random draws (background, then objects) is part of every generator's output.
 */
public abstract sealed class FlatSceneGenerator
        permits FreeSceneGenerator, NearFarGenerator, InBetweenGenerator, DepthSceneGenerator {

    protected final int canvas;
    private final BackgroundChoice backgrounds;

    FlatSceneGenerator(int canvas, BackgroundChoice backgrounds, int minCanvas) {
        if (canvas < minCanvas) {
            throw new IllegalArgumentException("canvas must be at least " + minCanvas + " px, got " + canvas);
        }
        this.canvas = canvas;
        this.backgrounds = backgrounds;
    }

    public final Scene generate(SplittableRandom rng) {
        Background background = backgrounds.draw(rng);
        return Scene.flat(canvas, canvas, background, objects(rng));
    }

    /** The scene's objects, in listed order, drawn after the background. */
    abstract List<SceneObject> objects(SplittableRandom rng);
}
