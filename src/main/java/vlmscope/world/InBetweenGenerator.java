package vlmscope.world;

import java.util.List;
import java.util.SplittableRandom;

/**
 * In-between scenes: two end objects far apart and a subject that is, with even odds, on the segment between
 * them ("yes") or off it ("no"), by {@link SpatialRelations#inBetween}. Listed order: subject, first, second.
 */
public final class InBetweenGenerator extends FlatSceneGenerator {

    private static final double SIZE = 0.15;   // fraction of the canvas side

    public InBetweenGenerator(int canvas, BackgroundChoice backgrounds) {
        super(canvas, backgrounds, 24);
    }

    @Override
    List<SceneObject> objects(SplittableRandom rng) {
        List<String> kinds = Placement.distinctKinds(rng, 3);
        List<NamedColour> colours = List.of(Placement.colour(rng), Placement.colour(rng), Placement.colour(rng));
        boolean between = rng.nextBoolean();
        int size = Math.max(4, (int) Math.round(canvas * SIZE)), gap = Placement.gap(canvas);
        while (true) {
            Box first = Placement.anywhere(rng, size, canvas, canvas);
            Box second = Placement.anywhere(rng, size, canvas, canvas);
            if (first.centre().distanceTo(second.centre()) < 0.6 * canvas) continue;
            Box subject = between ? onSegment(rng, first, second, size) : Placement.anywhere(rng, size, canvas, canvas);
            if (!Placement.clear(subject, List.of(first, second), gap)) continue;
            List<SceneObject> objects = List.of(
                    SceneObject.of(kinds.get(0), colours.get(0), subject),
                    SceneObject.of(kinds.get(1), colours.get(1), first),
                    SceneObject.of(kinds.get(2), colours.get(2), second));
            var answer = SpatialRelations.inBetween(objects.get(0), objects.get(1), objects.get(2));
            if (answer.isPresent() && answer.get().equals(between ? "yes" : "no")) return objects;
        }
    }

    private Box onSegment(SplittableRandom rng, Box first, Box second, int size) {
        double t = 0.35 + 0.3 * rng.nextDouble();
        Point a = first.centre(), b = second.centre();
        return Placement.centredAt(a.x() + t * (b.x() - a.x()), a.y() + t * (b.y() - a.y()), size, canvas, canvas);
    }
}
