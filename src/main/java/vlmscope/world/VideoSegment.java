package vlmscope.world;

/** A run of consecutive frames {@code firstFrame … lastFrame} (inclusive, 0-based) showing one object. */
public record VideoSegment(int firstFrame, int lastFrame, String kind, String colour) {

    /** The segment's frames after the frame order of an n-frame video is reversed. */
    public VideoSegment reversed(int frameCount) {
        return new VideoSegment(frameCount - 1 - lastFrame, frameCount - 1 - firstFrame, kind, colour);
    }
}
