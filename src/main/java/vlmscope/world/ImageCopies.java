package vlmscope.world;

import java.awt.image.BufferedImage;

/** Blank images of the same size and pixel type as a given one. */
final class ImageCopies {

    private ImageCopies() {
    }

    static BufferedImage blankLike(BufferedImage image) {
        int type = image.getType() == BufferedImage.TYPE_CUSTOM ? BufferedImage.TYPE_INT_ARGB : image.getType();
        return new BufferedImage(image.getWidth(), image.getHeight(), type);
    }
}
