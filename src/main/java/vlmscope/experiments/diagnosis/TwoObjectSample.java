package vlmscope.experiments.diagnosis;

import vlmscope.experiments.TwoObjectQuestion;
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
 * @param question   the question; {@code objectWords} = (subject, reference), {@code answer} the true relation
 */
public record TwoObjectSample(String id, Supplier<BufferedImage> image, int width, int height, Box subjectBox,
                              Box objectBox, QaItem question) implements TwoObjectQuestion {
}
