package vlmscope.world;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Frame sequences: {@code minFrames … maxFrames} frames cut into 2–3 contiguous segments. Each segment shows
 * one object of a distinct kind (its own colour, position and background), so segments look distinct and
 * "does the X come before or after the Y?" is decided by segment order.
 */
public final class VideoGenerator {

    private static final double MIN_SIZE = 0.3, MAX_SIZE = 0.45;   // fractions of the canvas side

    private final int canvas, minFrames, maxFrames;
    private final BackgroundChoice backgrounds;

    public VideoGenerator(int canvas, int minFrames, int maxFrames, BackgroundChoice backgrounds) {
        if (canvas < 16) throw new IllegalArgumentException("canvas must be at least 16 px, got " + canvas);
        if (minFrames < 2 || maxFrames < minFrames)
            throw new IllegalArgumentException("frames must satisfy 2 <= min <= max, got " + minFrames + "-" + maxFrames);
        this.canvas = canvas;
        this.minFrames = minFrames;
        this.maxFrames = maxFrames;
        this.backgrounds = backgrounds;
    }

    public Video generate(SplittableRandom rng) {
        int frames = rng.nextInt(minFrames, maxFrames + 1);
        int segmentCount = Math.min(frames, rng.nextInt(2, 4));
        int[] starts = cutPoints(rng, frames, segmentCount);   // [segmentCount + 1], starts[segmentCount] = frames
        List<String> kinds = Placement.distinctKinds(rng, segmentCount);
        List<VideoSegment> segments = new ArrayList<>();
        List<Scene> scenes = new ArrayList<>();
        for (int s = 0; s < segmentCount; s++) {
            Background background = backgrounds.draw(rng);
            NamedColour colour = Placement.colour(rng);
            int size = (int) Math.round(canvas * (MIN_SIZE + (MAX_SIZE - MIN_SIZE) * rng.nextDouble()));
            Scene scene = Scene.flat(canvas, canvas, background,
                    List.of(SceneObject.of(kinds.get(s), colour, Placement.anywhere(rng, size, canvas, canvas))));
            for (int f = starts[s]; f < starts[s + 1]; f++) scenes.add(scene);
            segments.add(new VideoSegment(starts[s], starts[s + 1] - 1, kinds.get(s), colour.name()));
        }
        return new Video(scenes, segments);
    }

    /** Sorted distinct segment starts 0 = s0 < s1 < … < frames, chosen uniformly. */
    private static int[] cutPoints(SplittableRandom rng, int frames, int segments) {
        int[] starts = new int[segments + 1];
        starts[segments] = frames;
        java.util.TreeSet<Integer> cuts = new java.util.TreeSet<>();
        while (cuts.size() < segments - 1) cuts.add(rng.nextInt(1, frames));
        int i = 1;
        for (int cut : cuts) starts[i++] = cut;
        return starts;
    }
}
