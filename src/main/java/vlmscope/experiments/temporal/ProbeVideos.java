package vlmscope.experiments.temporal;

import vlmscope.world.Background;
import vlmscope.world.Box;
import vlmscope.world.Catalogue;
import vlmscope.world.NamedColour;
import vlmscope.world.Palette;
import vlmscope.world.Scene;
import vlmscope.world.SceneObject;
import vlmscope.world.Video;
import vlmscope.world.VideoSegment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Videos in which chosen objects first appear at chosen frames, built like the world's videos (contiguous segments,
 * one object per segment, every frame showing one object): each object's segment runs from its start frame to the
 * next object's start. When no object starts at frame 0, a filler object of another kind fills the frames before
 * the first one. This is our stand-in for the paper's {@code appear_{o1}{f1}_{o2}{f2}} videos (docs/paper-mapping.md#temporal).
 */
public final class ProbeVideos {

    private static final double MIN_SIZE = 0.3, MAX_SIZE = 0.45;   // fractions of the canvas side, as VideoGenerator

    private ProbeVideos() {
    }

    /** One object shown from frame {@code start} until the next object starts. */
    public record Appearance(String kind, NamedColour colour, Box box, int start) {
    }

    /**
     * The video of {@code shown} (distinct start frames in 0..frames-1, distinct kinds) over {@code frames} frames;
     * {@code filler} (its start ignored) fills frames 0..s-1 when the earliest start s is after 0.
     */
    public static Video build(int canvas, int frames, Background background, List<Appearance> shown, Appearance filler) {
        List<Appearance> order = new ArrayList<>(shown);
        order.sort(Comparator.comparingInt(Appearance::start));
        Set<Integer> starts = new HashSet<>();
        for (Appearance a : order) {
            if (a.start() < 0 || a.start() >= frames || !starts.add(a.start())) {
                throw new IllegalArgumentException("start frames must be distinct and in 0.." + (frames - 1) + ": " + shown);
            }
        }
        if (order.getFirst().start() > 0) {
            order.addFirst(new Appearance(filler.kind(), filler.colour(), filler.box(), 0));
        }
        List<Scene> scenes = new ArrayList<>();
        List<VideoSegment> segments = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            Appearance a = order.get(i);
            int end = i + 1 < order.size() ? order.get(i + 1).start() : frames;   // exclusive
            Scene scene = Scene.flat(canvas, canvas, background, List.of(SceneObject.of(a.kind(), a.colour(), a.box())));
            for (int f = a.start(); f < end; f++) scenes.add(scene);
            segments.add(new VideoSegment(a.start(), end - 1, a.kind(), a.colour().name()));
        }
        return new Video(scenes, segments);
    }

    /** A kind not in {@code taken}, uniformly. */
    public static String otherKind(SplittableRandom rng, Set<String> taken) {
        List<String> free = Catalogue.names().stream().filter(k -> !taken.contains(k)).toList();
        return free.get(rng.nextInt(free.size()));
    }

    public static NamedColour colour(SplittableRandom rng) {
        return Palette.COLOURS.get(rng.nextInt(Palette.COLOURS.size()));
    }

    /** A square box of 30–45 % of the canvas side anywhere on it. */
    public static Box anywhere(SplittableRandom rng, int canvas) {
        int size = (int) Math.round(canvas * (MIN_SIZE + (MAX_SIZE - MIN_SIZE) * rng.nextDouble()));
        return new Box(rng.nextInt(canvas - size + 1), rng.nextInt(canvas - size + 1), size, size);
    }

    /** The square of grid cell (col, row) of a cells×cells grid over the canvas. */
    public static Box cell(int canvas, int cells, int col, int row) {
        int side = canvas / cells;
        return new Box(col * side, row * side, side, side);
    }

    /** A random fill-in appearance (kind outside {@code taken}, random colour and box). */
    public static Appearance filler(SplittableRandom rng, int canvas, Set<String> taken) {
        return new Appearance(otherKind(rng, taken), colour(rng), anywhere(rng, canvas), 0);
    }
}
