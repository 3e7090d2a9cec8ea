package vlmscope.world;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Renders the samples of a {@link RenderSpec}, in memory ({@link #render}) or to a dataset folder
 * ({@link #write}). Sample i depends only on (spec, i), so any sample can be rendered alone.
 */
public final class WorldDatasets {

    /** A sample and its rendered images, in the order of {@code sample.images()}. */
    public record RenderedSample(WorldSample sample, List<BufferedImage> images) {
    }

    private WorldDatasets() {
    }

    public static RenderedSample render(RenderSpec spec, int index) {
        if (index < 0 || index >= spec.total()) throw new IndexOutOfBoundsException("sample " + index + " of " + spec.total());
        if (spec.kind() == SceneKind.GRID) return gridSample(spec, index);
        SplittableRandom rng = WorldRandom.forItem(spec.seed(), spec.kind().cliName(), index);
        String id = spec.kind().cliName() + "-" + String.format("%06d", index);
        if (spec.kind() == SceneKind.VIDEO) {
            Video video = new VideoGenerator(spec.canvas(), spec.minFrames(), spec.maxFrames(), spec.background()).generate(rng);
            return videoSample(id, video);
        }
        Scene scene = switch (spec.kind()) {
            case FREE -> new FreeSceneGenerator(spec.canvas(), spec.background()).generate(rng);
            case DEPTH -> new DepthSceneGenerator(spec.canvas(), spec.background()).generate(rng);
            case NEARFAR -> new NearFarGenerator(spec.canvas(), spec.background()).generate(rng);
            case INBETWEEN -> new InBetweenGenerator(spec.canvas(), spec.background()).generate(rng);
            default -> throw new IllegalStateException(spec.kind().name());
        };
        return still(id, spec.kind(), "images/" + id + ".png", scene);
    }

    /** Writes every sample and the JSONL; reports the number written so far after each sample. */
    public static int write(RenderSpec spec, Path dir, boolean overwrite, IntConsumer progress) {
        try (DatasetWriter writer = DatasetWriter.create(dir, spec.header(), overwrite)) {
            for (int i = 0; i < spec.total(); i++) {
                RenderedSample rendered = render(spec, i);
                writer.add(rendered.sample(), rendered.images());
                progress.accept(i + 1);
            }
            writer.finish();
            return writer.count();
        }
    }

    /** The annotation and questions of a video, with frame paths under {@code videos/{id}/}. */
    public static RenderedSample videoSample(String id, Video video) {
        Map<Scene, BufferedImage> rendered = new IdentityHashMap<>();
        List<BufferedImage> images = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int f = 0; f < video.frames().size(); f++) {
            images.add(rendered.computeIfAbsent(video.frames().get(f), SceneRenderer::render));
            paths.add("videos/" + id + "/frame-" + f + ".png");
        }
        WorldSample sample = new WorldSample(id, SceneKind.VIDEO, paths, video.frames(), video.segments(),
                QaGenerator.forVideo(video));
        return new RenderedSample(sample, images);
    }

    private static RenderedSample gridSample(RenderSpec spec, int index) {
        GridGenerator grid = spec.grid();
        int pairIndex = index / grid.imagesPerPair();
        List<String> kinds = RenderSpec.kindsOf(spec.pairs().get(pairIndex));
        SplittableRandom rng = WorldRandom.forItem(spec.seed(), "grid-pair", pairIndex);
        NamedColour colourA = Placement.colour(rng), colourB = Placement.colour(rng);
        while (colourB.equals(colourA)) colourB = Placement.colour(rng);
        Background background = spec.background().draw(rng);
        GridGenerator.GridImage image = grid.image(kinds.get(0), colourA, kinds.get(1), colourB, background,
                index % grid.imagesPerPair());
        return still(image.path().replace(".png", ""), SceneKind.GRID, image.path(), image.scene());
    }

    private static RenderedSample still(String id, SceneKind kind, String path, Scene scene) {
        WorldSample sample = new WorldSample(id, kind, List.of(path), List.of(scene), List.of(),
                QaGenerator.forScene(scene, kind.tasks()));
        return new RenderedSample(sample, List.of(SceneRenderer.render(scene)));
    }
}
