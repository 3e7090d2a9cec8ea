package vlmscope.experiments.diagnosis;

import vlmscope.world.Box;
import vlmscope.world.QaItem;

import java.awt.image.BufferedImage;
import java.util.function.Supplier;

/**
 * One image with a two-object relation question and both objects' boxes: what ID deviation and blur sensitivity
 * need from a world scene or a COCO image.
 *
 * @param id         a stable sample id (result keys use it)
 * @param image      loads the image (COCO images are read on demand)
 * @param width      image width in pixels
 * @param height     image height in pixels
 * @param subjectBox the subject's (first object word's) box
 * @param objectBox  the reference object's box
 * @param item       the question; {@code objectWords} = (subject, object), {@code answer} the true relation
 */
public record TwoObjectSample(String id, Supplier<BufferedImage> image, int width, int height, Box subjectBox,
                              Box objectBox, QaItem item) {

    public String subject() {
        return item.objectWords().get(0);
    }

    public String object() {
        return item.objectWords().get(1);
    }

    /** The true relation word ("left", "right", "above", "below"). */
    public String correct() {
        return item.answer();
    }

    /** The opposite relation word. */
    public String wrong() {
        return item.choices().get(0).equals(item.answer()) ? item.choices().get(1) : item.choices().get(0);
    }
}
