package vlmscope.world;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Depth scenes: two objects standing on a ground plane seen in perspective. An object at depth z (1 = nearest)
 * stands with its base at {@code horizon + (nearBase − horizon) / z} and has size {@code nearSize / z}, so a
 * farther object is higher and smaller. Half of the scenes put the two objects at overlapping x so that the
 * nearer one occludes the farther one (objects are listed far first = painted first).
 *
 * <p>{@link #counterCue}: scenes where height and depth disagree. The same depths, sizes and x placement, but the
 * farther object stands <em>lower</em> than the nearer one (its centre at least the above/below margin below), so
 * depth shows only through size (farther = smaller) and, where they overlap, occlusion (the nearer one painted over
 * it); a model that reads depth from height answers these the wrong way.
 */
public final class DepthSceneGenerator extends FlatSceneGenerator {

    private static final double HORIZON = 0.28, NEAR_BASE = 0.97, NEAR_SIZE = 0.42;   // fractions of the canvas
    private static final double MAX_DEPTH = 3.2, MIN_GAP = 0.6;

    private final boolean counterCue;

    public DepthSceneGenerator(int canvas, BackgroundChoice backgrounds) {
        this(canvas, backgrounds, false);
    }

    private DepthSceneGenerator(int canvas, BackgroundChoice backgrounds, boolean counterCue) {
        super(canvas, backgrounds, 16);
        this.counterCue = counterCue;
    }

    /** Depth scenes whose farther object stands lower than the nearer one (height contradicts depth). */
    public static DepthSceneGenerator counterCue(int canvas, BackgroundChoice backgrounds) {
        return new DepthSceneGenerator(canvas, backgrounds, true);
    }

    @Override
    List<SceneObject> objects(SplittableRandom rng) {
        List<String> kinds = Placement.distinctKinds(rng, 2);
        double zNear = 1 + (MAX_DEPTH - MIN_GAP - 1) * rng.nextDouble();
        double zFar = zNear + MIN_GAP + (MAX_DEPTH - zNear - MIN_GAP) * rng.nextDouble();
        boolean occlude = rng.nextBoolean();
        int farSize = size(zFar), nearSize = size(zNear);
        double farX = farSize / 2.0 + (canvas - farSize) * rng.nextDouble();
        double nearX = occlude
                ? farX + (rng.nextDouble() - 0.5) * farSize
                : nearSize / 2.0 + (canvas - nearSize) * rng.nextDouble();
        List<SceneObject> objects = new ArrayList<>();
        if (counterCue) {
            // the farther centre at least a quarter of the summed sizes (+1 px) below the nearer one: clearly "below"
            double gap = 0.25 * (farSize + nearSize) + 1;
            double nearY = nearSize / 2.0 + Math.max(0, canvas - farSize / 2.0 - gap - nearSize / 2.0) * rng.nextDouble();
            double farY = nearY + gap + Math.max(0, canvas - farSize / 2.0 - nearY - gap) * rng.nextDouble();
            objects.add(SceneObject.of(kinds.get(0), Placement.colour(rng),
                    Placement.centredAt(farX, farY, farSize, canvas, canvas)).withDepth(zFar));
            objects.add(SceneObject.of(kinds.get(1), Placement.colour(rng),
                    Placement.centredAt(nearX, nearY, nearSize, canvas, canvas)).withDepth(zNear));
            return objects;
        }
        objects.add(standing(kinds.get(0), Placement.colour(rng), zFar, farX));
        objects.add(standing(kinds.get(1), Placement.colour(rng), zNear, nearX));
        return objects;
    }

    private int size(double z) {
        return Math.max(3, (int) Math.round(canvas * NEAR_SIZE / z));
    }

    private SceneObject standing(String kind, NamedColour colour, double z, double centreX) {
        int size = size(z);
        double base = canvas * (HORIZON + (NEAR_BASE - HORIZON) / z);
        Box box = Placement.centredAt(centreX, base - size / 2.0, size, canvas, canvas);
        return SceneObject.of(kind, colour, box).withDepth(z);
    }
}
