package vlmscope.world;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Near/far scenes: a reference object, one object near it and one far from it (by
 * {@link SpatialRelations#nearFar}), none overlapping. The listed order is reference, near, far.
 */
public final class NearFarGenerator extends FlatSceneGenerator {

    private static final double SIZE = 0.16;   // fraction of the canvas side

    public NearFarGenerator(int canvas, BackgroundChoice backgrounds) {
        super(canvas, backgrounds, 24);
    }

    @Override
    List<SceneObject> objects(SplittableRandom rng) {
        List<String> kinds = Placement.distinctKinds(rng, 3);
        int size = Math.max(4, (int) Math.round(canvas * SIZE)), gap = Placement.gap(canvas);
        while (true) {
            Box reference = Placement.anywhere(rng, size, canvas, canvas);
            Box near = Placement.anywhere(rng, size, canvas, canvas);
            Box far = Placement.anywhere(rng, size, canvas, canvas);
            double dNear = reference.centre().distanceTo(near.centre()) / canvas;
            double dFar = reference.centre().distanceTo(far.centre()) / canvas;
            if (dNear > SpatialRelations.NEAR_MAX * 0.95 || dFar < SpatialRelations.FAR_MIN * 1.05) continue;
            if (!Placement.clear(near, List.of(reference), gap) || !Placement.clear(far, List.of(reference, near), gap))
                continue;
            return List.of(
                    SceneObject.of(kinds.get(0), Placement.colour(rng), reference),
                    SceneObject.of(kinds.get(1), Placement.colour(rng), near),
                    SceneObject.of(kinds.get(2), Placement.colour(rng), far));
        }
    }
}
