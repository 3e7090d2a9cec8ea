package vlmscope.experiments.diagnosis;

import vlmscope.world.QaItem;
import vlmscope.world.Scene;

import java.awt.image.BufferedImage;

/**
 * A depth scene asked both ways about the same subject and reference object: above/below ({@code height}) and
 * in front/behind ({@code depth}). In a depth scene the farther object is the higher one.
 */
public record DepthSample(String id, BufferedImage image, Scene scene, QaItem height, QaItem depth) {

    public String subject() {
        return height.objectWords().get(0);
    }

    public String object() {
        return height.objectWords().get(1);
    }
}
