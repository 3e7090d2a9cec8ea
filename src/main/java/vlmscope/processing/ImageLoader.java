package vlmscope.processing;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.Iterator;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
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
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                image = null;
            } else {
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in, true, true);
                    requireSize(file, reader.getWidth(0), reader.getHeight(0));
                    image = reader.read(0);
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof VlmscopeException v) throw v;
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
     * The largest image, in pixels, that is decoded: Pillow's default {@code MAX_IMAGE_PIXELS} (89,478,485, about
     * 0.25 GiB of RGB). Raise it with the system property {@value #MAX_PIXELS_PROPERTY}, e.g.
     * {@code VLMSCOPE_JAVA_OPTS="-Xmx16g -Dvlmscope.maxImagePixels=400000000" bin/vlmscope …}.
     */
    public static final long DEFAULT_MAX_PIXELS = 89_478_485L;
    public static final String MAX_PIXELS_PROPERTY = "vlmscope.maxImagePixels";

    /** The pixel limit in force: {@value #MAX_PIXELS_PROPERTY} when set, else {@link #DEFAULT_MAX_PIXELS}. */
    public static long maxPixels() {
        return Long.getLong(MAX_PIXELS_PROPERTY, DEFAULT_MAX_PIXELS);
    }

    /** Fails with one line when a {@code width x height} image (from the file's header) is over {@link #maxPixels()}. */
    static void requireSize(Path file, int width, int height) {
        long pixels = (long) width * height;
        if (width <= 0 || height <= 0) {
            throw VlmscopeException.badInput(file, "the image header says " + width + "x" + height + " pixels",
                    "re-save the file as an 8-bit RGB PNG");
        }
        if (pixels > maxPixels()) {
            throw VlmscopeException.badInput(file, String.format(java.util.Locale.ROOT, "the image is %dx%d = %,d pixels,"
                            + " over the limit of %,d", width, height, pixels, maxPixels()),
                    "scale it down (vision encoders see a few hundred pixels a side), or raise the limit with -D"
                            + MAX_PIXELS_PROPERTY + "=N in VLMSCOPE_JAVA_OPTS");
        }
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
