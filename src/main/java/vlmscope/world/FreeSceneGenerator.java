package vlmscope.world;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Free scenes: 2–3 objects of distinct kinds, random colours and sizes, placed without overlap. */
public final class FreeSceneGenerator extends FlatSceneGenerator {

    private static final double MIN_SIZE = 0.2, MAX_SIZE = 0.32;   // fractions of the canvas side

    public FreeSceneGenerator(int canvas, BackgroundChoice backgrounds) {
        super(canvas, backgrounds, 16);
    }

    @Override
    List<SceneObject> objects(SplittableRandom rng) {
        int count = rng.nextInt(2, 4);
        while (true) {
            List<String> kinds = Placement.distinctKinds(rng, count);
            List<SceneObject> objects = new ArrayList<>();
            List<Box> boxes = new ArrayList<>();
            for (String kind : kinds) {
                int size = (int) Math.round(canvas * (MIN_SIZE + (MAX_SIZE - MIN_SIZE) * rng.nextDouble()));
                NamedColour colour = Placement.colour(rng);
                var box = Placement.avoiding(rng, size, canvas, canvas, boxes, Placement.gap(canvas), 200);
                if (box.isEmpty()) break;
                boxes.add(box.get());
                objects.add(SceneObject.of(kind, colour, box.get()));
            }
            if (objects.size() == count) return objects;
        }
    }
}
