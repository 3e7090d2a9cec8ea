package vlmscope.experiments.temporal;

import vlmscope.world.QaItem;
import vlmscope.world.Video;

/**
 * One video with its before/after question.
 *
 * @param id    stable sample id (the result keys use it)
 * @param video the frames in time order
 * @param item  "Does the {subject} come before or after the {other}?" with its true answer
 */
public record TemporalSample(String id, Video video, QaItem item) {

    /** The object asked about (first in the question). */
    public String subject() {
        return item.objectWords().get(0);
    }

    /** The reference object (second in the question). */
    public String other() {
        return item.objectWords().get(1);
    }

    public int frames() {
        return video.frames().size();
    }
}
