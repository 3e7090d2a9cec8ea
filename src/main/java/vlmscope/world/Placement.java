package vlmscope.world;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** Seeded draws shared by the generators: distinct kinds, colours, and boxes that avoid other boxes. */
final class Placement {

    private Placement() {
    }

    /** {@code k} distinct kind names, by a partial Fisher–Yates shuffle of the catalogue. */
    static List<String> distinctKinds(SplittableRandom rng, int k) {
        String[] names = Catalogue.names().toArray(String[]::new);
        for (int i = 0; i < k; i++) {
            int j = rng.nextInt(i, names.length);
            String t = names[i];
            names[i] = names[j];
            names[j] = t;
        }
        return List.of(names).subList(0, k);
    }

    static NamedColour colour(SplittableRandom rng) {
        return Palette.COLOURS.get(rng.nextInt(Palette.COLOURS.size()));
    }

    /** A square box of the given size anywhere on the canvas. */
    static Box anywhere(SplittableRandom rng, int size, int width, int height) {
        return new Box(rng.nextInt(width - size + 1), rng.nextInt(height - size + 1), size, size);
    }

    /** A square box on the canvas at least {@code gap} pixels from every box in {@code others}, if found. */
    static Optional<Box> avoiding(SplittableRandom rng, int size, int width, int height, List<Box> others, int gap,
                                  int tries) {
        for (int t = 0; t < tries; t++) {
            Box box = anywhere(rng, size, width, height);
            if (clear(box, others, gap)) return Optional.of(box);
        }
        return Optional.empty();
    }

    static boolean clear(Box box, List<Box> others, int gap) {
        Box grown = new Box(box.x() - gap, box.y() - gap, box.width() + 2 * gap, box.height() + 2 * gap);
        return others.stream().noneMatch(grown::intersects);
    }

    /** A square box of the given size centred as near (cx, cy) as the canvas allows. */
    static Box centredAt(double cx, double cy, int size, int width, int height) {
        int x = Math.clamp((long) Math.floor(cx - size / 2.0), 0, width - size);
        int y = Math.clamp((long) Math.floor(cy - size / 2.0), 0, height - size);
        return new Box(x, y, size, size);
    }

    static int gap(int canvas) {
        return Math.max(1, canvas / 64);
    }
}
