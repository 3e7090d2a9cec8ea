package vlmscope.processing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PillowResizeTest {

    private static final int W = 13;
    private static final int H = 11;

    /** A 13x11 RGB test pattern with sharp wrap-around edges (so bicubic/lanczos overshoot and clip). */
    private static int[] pattern() {
        int[] rgb = new int[H * W * 3]; // [H, W, 3]
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[(y * W + x) * 3 + c] = (x * 37 + y * 91 + c * 53 + x * y * 7) % 256;
                }
            }
        }
        return rgb;
    }

    /** sum over i of value[i] * (i + 1): any single off-by-one pixel changes it. */
    private static long checksum(int[] values) {
        long sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += (long) values[i] * (i + 1);
        }
        return sum;
    }

    /**
     * Checksums of {@code Image.fromarray(pattern, "RGB").resize((w, h), filter, reducing_gap=None)} computed with
     * Pillow 12.3.0 (python: same pattern formula, checksum over the flattened [h, w, 3] uint8 array).
     * Covers downscaling (support widened), upscaling, one-axis-only resizes and a large reduction.
     */
    @ParameterizedTest
    @CsvSource({
        "BOX,5,7,714739", "BOX,29,4,7924982", "BOX,13,6,3591070", "BOX,6,11,2567129", "BOX,2,3,22206",
        "BOX,31,23,295458960",
        "BILINEAR,5,7,722651", "BILINEAR,29,4,7883939", "BILINEAR,13,6,3573699", "BILINEAR,6,11,2557475",
        "BILINEAR,2,3,22144", "BILINEAR,31,23,297438261",
        "HAMMING,5,7,717104", "HAMMING,29,4,7915138", "HAMMING,13,6,3576949", "HAMMING,6,11,2556402",
        "HAMMING,2,3,22157", "HAMMING,31,23,297579156",
        "BICUBIC,5,7,722460", "BICUBIC,29,4,7883717", "BICUBIC,13,6,3574875", "BICUBIC,6,11,2556399",
        "BICUBIC,2,3,22131", "BICUBIC,31,23,297616846",
        "LANCZOS,5,7,722555", "LANCZOS,29,4,7886342", "LANCZOS,13,6,3575011", "LANCZOS,6,11,2557555",
        "LANCZOS,2,3,22124", "LANCZOS,31,23,297646302",
    })
    void matchesPillowChecksums(PillowResize.Filter filter, int newWidth, int newHeight, long pillowChecksum) {
        int[] out = PillowResize.resize(pattern(), W, H, 3, newWidth, newHeight, filter); // [newH, newW, 3]
        assertEquals(newWidth * newHeight * 3, out.length);
        assertEquals(pillowChecksum, checksum(out));
    }

    @Test
    void bicubicMatchesPillowValues() {
        int[] out = PillowResize.resizeBicubic(pattern(), W, H, 5, 7); // [7, 5, 3]
        int[] pillowFirst30 = {74, 124, 155, 128, 144, 155, 122, 122, 128, 100, 116, 141, 120, 170, 111,
            145, 134, 120, 119, 130, 138, 131, 128, 133, 129, 140, 138, 126, 115, 125};
        assertArrayEquals(pillowFirst30, Arrays.copyOf(out, 30));
    }

    /**
     * Hand-derived: row [0, 0, 255, 255] halved with bilinear. Scale 2 widens the support to 2; output 0 is
     * centred at 1.0 over inputs 0..2 with weights tent((x - 0.5) / 2) = .75, .75, .25 -> 3/7, 3/7, 1/7, giving
     * 255/7 = 36.4 -> 36; output 1 is centred at 3.0 over inputs 1..3 (1/7, 3/7, 3/7), giving 218.6 -> 219.
     */
    @Test
    void bilinearHalvingByHand() {
        int[] row = {0, 0, 255, 255}; // [1, 4, 1]
        assertArrayEquals(new int[] {36, 219},
                PillowResize.resize(row, 4, 1, 1, 2, 1, PillowResize.Filter.BILINEAR));
    }

    @ParameterizedTest
    @EnumSource(PillowResize.Filter.class)
    void constantImageStaysConstant(PillowResize.Filter filter) {
        int[] grey = new int[9 * 7 * 3]; // [7, 9, 3]
        Arrays.fill(grey, 173);
        for (int[] size : new int[][] {{4, 3}, {20, 15}, {9, 2}, {1, 1}, {23, 7}}) {
            int[] out = PillowResize.resize(grey, 9, 7, 3, size[0], size[1], filter);
            int[] expected = new int[size[0] * size[1] * 3];
            Arrays.fill(expected, 173);
            assertArrayEquals(expected, out, filter + " to " + size[0] + "x" + size[1]);
        }
    }

    @Test
    void sameSizeIsAnIdentityCopy() {
        int[] rgb = pattern();
        int[] out = PillowResize.resizeBicubic(rgb, W, H, W, H);
        assertArrayEquals(rgb, out);
        assertNotSame(rgb, out);
    }
}
