package vlmscope.processing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.VlmscopeException;

class ImageLoaderTest {

    @TempDir
    Path dir;

    /** Writes the image as PNG and decodes it again, so the decoder's own image type is exercised. */
    private int[] roundTrip(BufferedImage image, String name) throws IOException {
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return ImageLoader.toRgb(ImageLoader.read(file));
    }

    @Test
    void garbageBytesAreNotAnImage() throws IOException {
        Path file = dir.resolve("broken.png");
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> ImageLoader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a readable image"), e.getMessage());
        assertTrue(e.getMessage().contains("Fix:"), e.getMessage());
    }

    @Test
    void truncatedPngIsNotAnImage() throws IOException {
        Path file = dir.resolve("truncated.png");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        Files.write(file, png);
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> ImageLoader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("nope.png");
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> ImageLoader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    /** Grey is replicated as stored (Java's getRGB would gamma-map linear grey; Pillow does not). */
    @Test
    void greyIsReplicatedUnchanged() throws IOException {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 7);
        grey.getRaster().setSample(1, 0, 0, 128);
        assertArrayEquals(new int[] {7, 7, 7, 128, 128, 128}, roundTrip(grey, "grey.png"));
    }

    /** RGBA -> RGB drops alpha without compositing, even for fully transparent pixels. */
    @Test
    void alphaIsDroppedWithoutCompositing() throws IOException {
        BufferedImage rgba = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, 0x000A141E); // alpha 0, rgb (10, 20, 30)
        rgba.setRGB(1, 0, 0x80FF8001); // alpha 128, rgb (255, 128, 1)
        assertArrayEquals(new int[] {10, 20, 30, 255, 128, 1}, roundTrip(rgba, "rgba.png"));
    }

    @Test
    void paletteIndicesAreLookedUp() throws IOException {
        byte[] r = {(byte) 200, 3};
        byte[] g = {100, (byte) 250};
        byte[] b = {50, 9};
        BufferedImage indexed = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY,
                new IndexColorModel(1, 2, r, g, b));
        indexed.getRaster().setSample(0, 0, 0, 1);
        indexed.getRaster().setSample(1, 0, 0, 0);
        indexed.getRaster().setSample(2, 0, 0, 1);
        assertArrayEquals(new int[] {3, 250, 9, 200, 100, 50, 3, 250, 9}, roundTrip(indexed, "palette.png"));
    }

    @Test
    void rgbIsRowMajorInterleaved() throws IOException {
        BufferedImage rgb = new BufferedImage(2, 2, BufferedImage.TYPE_3BYTE_BGR);
        rgb.setRGB(0, 0, 0x010203);
        rgb.setRGB(1, 0, 0x040506);
        rgb.setRGB(0, 1, 0x070809);
        rgb.setRGB(1, 1, 0x0A0B0C);
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, roundTrip(rgb, "rgb.png"));
    }
}
