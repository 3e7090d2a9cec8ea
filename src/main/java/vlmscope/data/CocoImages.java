package vlmscope.data;

import vlmscope.VlmscopeException;
import vlmscope.processing.ImageLoader;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

/** A COCO image folder: image {@code id} is {@code {dir}/{id:012d}.jpg} (docs/paper-mapping.md#samples). */
public record CocoImages(Path dir) {

    public CocoImages {
        if (!Files.isDirectory(dir)) {
            throw VlmscopeException.badInput(dir, "no such folder (the COCO val2017 images)", "pass the folder of COCO val2017 JPEGs");
        }
    }

    public Path path(long imageId) {
        return dir.resolve(String.format("%012d.jpg", imageId));
    }

    /** Decodes image {@code imageId}; a missing or unreadable file is one clear error naming it. */
    public BufferedImage read(long imageId) {
        Path file = path(imageId);
        if (!Files.isRegularFile(file)) {
            throw VlmscopeException.badInput(file, "COCO image " + imageId + " not found in " + dir,
                    "point --images at the COCO val2017 folder that holds {id:012d}.jpg files");
        }
        return ImageLoader.read(file);
    }
}
