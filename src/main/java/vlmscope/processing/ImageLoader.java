package vlmscope.processing;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import vlmscope.VlmscopeException;

/**
 * Reads image files and turns them into 8-bit RGB rasters the way Pillow's {@code Image.convert("RGB")} does:
 * stored sample values are taken as they are (no colour management, no gamma), alpha is dropped without
 * compositing, grey is replicated to R = G = B, palette indices are looked up in the palette.
 */
public final class ImageLoader {

    private static final String READABLE_FORMATS = "PNG/JPEG/BMP/GIF";

    private ImageLoader() {
    }

    /**
     * Decodes an image file with {@code javax.imageio}.
     *
     * @throws VlmscopeException naming the file if it is missing or not a decodable image
     */
    public static BufferedImage read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw VlmscopeException.badInput(file, "image file not found",
                    "check the path; it must name an existing " + READABLE_FORMATS + " file");
        }
        BufferedImage image;
        try (InputStream in = Files.newInputStream(file)) {
            image = ImageIO.read(in);
        } catch (IOException | RuntimeException e) {
            throw VlmscopeException.badInput(file, "not a readable image (" + READABLE_FORMATS + "): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    "re-save the file as an 8-bit RGB PNG", e);
        }
        if (image == null) {
            throw VlmscopeException.badInput(file, "not a readable image (" + READABLE_FORMATS + ")",
                    "re-save the file as an 8-bit RGB PNG");
        }
        return image;
    }

    /**
     * The image as interleaved 8-bit RGB, like Pillow's {@code convert("RGB")}.
     * 16-bit colour samples keep their high byte (as Pillow's PNG decoder does); 16-bit grey is clipped to 255
     * (as Pillow's {@code I;16 -> RGB}). Colour models other than palette, grey and RGB(A) fall back to Java's
     * own conversion to sRGB ({@code getRGB}); for packed 8-bit sRGB pixels (e.g. BMP) that is the stored value,
     * for other colour spaces (e.g. CMYK) it need not match Pillow.
     *
     * @return {@code [height, width, 3]} values 0..255
     */
    public static int[] toRgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = new int[width * height * 3]; // [H, W, 3]
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        int colourType = model.getColorSpace().getType();
        if (model instanceof IndexColorModel palette) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int index = raster.getSample(x, y, 0);
                    int o = (y * width + x) * 3;
                    rgb[o] = palette.getRed(index);
                    rgb[o + 1] = palette.getGreen(index);
                    rgb[o + 2] = palette.getBlue(index);
                }
            }
        } else if (model instanceof ComponentColorModel && colourType == ColorSpace.TYPE_GRAY) {
            boolean wide = raster.getSampleModel().getSampleSize(0) > 8;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int grey = raster.getSample(x, y, 0);
                    int value = wide ? Math.min(grey, 255) : grey;
                    int o = (y * width + x) * 3;
                    rgb[o] = value;
                    rgb[o + 1] = value;
                    rgb[o + 2] = value;
                }
            }
        } else if (model instanceof ComponentColorModel && colourType == ColorSpace.TYPE_RGB
                && !model.isAlphaPremultiplied()) {
            int shift = raster.getSampleModel().getSampleSize(0) - 8;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int o = (y * width + x) * 3;
                    for (int band = 0; band < 3; band++) {
                        rgb[o + band] = raster.getSample(x, y, band) >> shift;
                    }
                }
            }
        } else {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int argb = image.getRGB(x, y);
                    int o = (y * width + x) * 3;
                    rgb[o] = (argb >> 16) & 0xFF;
                    rgb[o + 1] = (argb >> 8) & 0xFF;
                    rgb[o + 2] = argb & 0xFF;
                }
            }
        }
        return rgb;
    }
}
