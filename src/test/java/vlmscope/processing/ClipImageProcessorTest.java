package vlmscope.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.VlmscopeException;

class ClipImageProcessorTest {

    /** (v / 255 - mean) / std for v = 0 and 255 with CLIP's mean/std, computed by hand (python float64). */
    private static final double[] CLIP_AT_0 = {-1.79226253374815, -1.7520971281645974, -1.4802197687835659};
    private static final double[] CLIP_AT_255 = {1.930336254158794, 2.0748838377332515, 2.1458969890575763};
    private static final double FLOAT32_TOLERANCE = 1e-6;

    @TempDir
    Path dir;

    private ClipImageProcessor withConfig(String json) throws IOException {
        Files.writeString(dir.resolve("preprocessor_config.json"), json);
        return ClipImageProcessor.fromPretrained(dir);
    }

    private static BufferedImage constant(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    @Test
    void emptyConfigTakesClipDefaults() throws IOException {
        ClipImageProcessor processor = withConfig("{}");
        assertEquals(224, processor.cropHeight());
        assertEquals(224, processor.cropWidth());
        // Red = 255, green = 0, blue = 255 everywhere; resizing a constant keeps it, so each channel is constant.
        float[] pixels = processor.preprocess(constant(300, 250, 0xFF00FF)); // [3, 224, 224]
        assertEquals(3 * 224 * 224, pixels.length);
        double[] expected = {CLIP_AT_255[0], CLIP_AT_0[1], CLIP_AT_255[2]};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 224 * 224; i++) {
                assertEquals(expected[c], pixels[c * 224 * 224 + i], FLOAT32_TOLERANCE, "channel " + c);
            }
        }
    }

    /**
     * A 3x8 (W x H) image with short side 4: the long side is int(4 * 8 / 3) = int(10.67) = 10 (not 11), so the
     * resized image is 4x10. A 4x12 crop then starts at top = (10 - 12) // 2 = -1: output rows 0 and 11 are zero
     * padding (uint8 0, i.e. -mean/std after normalising), rows 1..10 are the image.
     */
    @Test
    void longSideTruncatesAndSmallImagesArePaddedWithZeros() throws IOException {
        ClipImageProcessor processor = withConfig("""
                {"size": {"shortest_edge": 4}, "crop_size": {"height": 12, "width": 4}}""");
        float[] pixels = processor.preprocess(constant(3, 8, 0xFFFFFF)); // [3, 12, 4]
        assertEquals(3 * 12 * 4, pixels.length);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 12; y++) {
                double expected = y == 0 || y == 11 ? CLIP_AT_0[c] : CLIP_AT_255[c];
                for (int x = 0; x < 4; x++) {
                    assertEquals(expected, pixels[(c * 12 + y) * 4 + x], FLOAT32_TOLERANCE,
                            "c=" + c + " y=" + y + " x=" + x);
                }
            }
        }
    }

    /** Without a resize, a 3x2 image under a 4x4 crop sits at rows 1..2, columns 1..3 (top = left = -1). */
    @Test
    void centreCropOfSmallImageUsesFloorDivision() throws IOException {
        ClipImageProcessor processor = withConfig("""
                {"do_resize": false, "crop_size": {"height": 4, "width": 4}, "do_normalize": false}""");
        float[] pixels = processor.preprocess(constant(3, 2, 0xFFFFFF)); // [3, 4, 4]
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                boolean image = y >= 1 && y <= 2 && x >= 1;
                assertEquals(image ? 1.0f : 0.0f, pixels[y * 4 + x], "y=" + y + " x=" + x);
            }
        }
    }

    /** Rescale is uint8 * factor in float64, cast to float32; without normalising that is the output. */
    @Test
    void rescaleIsFloat64ProductCastToFloat32() throws IOException {
        ClipImageProcessor processor = withConfig("""
                {"do_resize": false, "crop_size": 1, "do_normalize": false,
                 "rescale_factor": 0.00392156862745098}""");
        float[] pixels = processor.preprocess(constant(1, 1, 0x0180FE)); // [3, 1, 1]
        assertEquals((float) (1 * 0.00392156862745098), pixels[0]);
        assertEquals((float) (128 * 0.00392156862745098), pixels[1]);
        assertEquals((float) (254 * 0.00392156862745098), pixels[2]);
    }

    @Test
    void fixedHeightWidthResizeWithoutCropGivesThatSize() throws IOException {
        ClipImageProcessor processor = withConfig("""
                {"size": {"height": 5, "width": 7}, "do_center_crop": false, "resample": 2}""");
        assertEquals(5, processor.cropHeight());
        assertEquals(7, processor.cropWidth());
        assertEquals(3 * 5 * 7, processor.preprocess(constant(20, 9, 0x102030)).length);
    }

    @Test
    void missingConfigIsAClearError() {
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> ClipImageProcessor.fromPretrained(dir));
        assertTrue(e.getMessage().contains("preprocessor_config.json"), e.getMessage());
        assertTrue(e.getMessage().contains("Fix:"), e.getMessage());
    }

    @Test
    void nearestResampleIsRejected() {
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> withConfig("{\"resample\": 0}"));
        assertTrue(e.getMessage().contains("resample"), e.getMessage());
    }

    @Test
    void malformedJsonNamesTheFile() {
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> withConfig("{\"size\": "));
        assertTrue(e.getMessage().startsWith(dir.resolve("preprocessor_config.json").toString()), e.getMessage());
    }
}
