package vlmscope.world;

import vlmscope.TempFiles;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** Writes files whole or not at all: a temp file in the target's folder, then an atomic rename. */
final class AtomicFiles {

    private AtomicFiles() {
    }

    static void writePng(BufferedImage image, Path target) throws IOException {
        Path tmp = tempBeside(target);
        try {
            if (!ImageIO.write(image, "png", tmp.toFile())) throw new IOException("no PNG writer for " + target);
            moveInto(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static Path tempBeside(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return TempFiles.beside(parent, "." + target.getFileName(), ".tmp");
    }

    static void moveInto(Path tmp, Path target) throws IOException {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
