package vlmscope.experiments.steer;

import vlmscope.experiments.TwoObjectQuestion;
import vlmscope.world.QaItem;
import vlmscope.world.Scene;
import vlmscope.world.SceneObject;

import java.awt.image.BufferedImage;

/**
 * One steering sample: an image, its scene annotation and one two-way question about it.
 *
 * @param index    position in the sample list (seeds per-sample noise)
 * @param id       a stable name for result keys, e.g. {@code s3}
 * @param image    the rendered image
 * @param scene    its annotation (object boxes give ground-truth cells)
 * @param question the question; {@code objectWords().get(0)} is the subject, {@code get(1)} the reference
 */
public record SteerSample(int index, String id, BufferedImage image, Scene scene, QaItem question) implements TwoObjectQuestion {

    /** The m×m grid cell {col, row} holding the centre of object {@code kind}. */
    public int[] cellOf(String kind, int m) {
        SceneObject o = scene.object(kind);
        int col = (int) Math.min(m - 1, Math.floor(o.centre().x() * m / scene.width()));
        int row = (int) Math.min(m - 1, Math.floor(o.centre().y() * m / scene.height()));
        return new int[] {Math.max(0, col), Math.max(0, row)};
    }
}
