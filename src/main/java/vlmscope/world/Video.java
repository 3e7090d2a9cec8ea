package vlmscope.world;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A frame sequence ("video"): one scene per frame and the segments that make it up, in time order.
 * {@link #reversed()} is the temporal mirror of docs/paper-mapping.md#temporal.
 */
public record Video(List<Scene> frames, List<VideoSegment> segments) {

    public Video {
        frames = List.copyOf(frames);
        segments = List.copyOf(segments);
    }

    /** The frames in reverse order, with segments re-indexed and listed in the new time order. */
    public Video reversed() {
        List<Scene> backwards = new ArrayList<>(frames);
        Collections.reverse(backwards);
        List<VideoSegment> remapped = new ArrayList<>();
        for (int i = segments.size() - 1; i >= 0; i--) remapped.add(segments.get(i).reversed(frames.size()));
        return new Video(backwards, remapped);
    }
}
