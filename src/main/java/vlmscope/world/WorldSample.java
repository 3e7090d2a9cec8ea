package vlmscope.world;

import java.util.List;

/**
 * One line of a world dataset's JSONL: an image (or a video's frames) with its annotation and questions.
 *
 * @param id       unique within the dataset
 * @param kind     what generated it
 * @param images   image paths relative to the dataset folder, '/'-separated (one per frame for a video)
 * @param scenes   the annotation of each image, same order as {@code images}
 * @param segments the video's segments in time order; empty for still images
 * @param qa       the questions and answers
 */
public record WorldSample(String id, SceneKind kind, List<String> images, List<Scene> scenes,
                          List<VideoSegment> segments, List<QaItem> qa) {

    public WorldSample {
        images = List.copyOf(images);
        scenes = List.copyOf(scenes);
        segments = List.copyOf(segments);
        qa = List.copyOf(qa);
        if (images.size() != scenes.size())
            throw new IllegalArgumentException(images.size() + " images but " + scenes.size() + " scenes");
    }
}
