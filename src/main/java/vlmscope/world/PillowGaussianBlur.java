package vlmscope.world;

/**
 * A port of Pillow's {@code ImageFilter.GaussianBlur} ({@code src/libImaging/BoxBlur.c},
 * {@code ImagingGaussianBlur}): σ = radius, approximated by 3 passes of an "extended" box blur whose
 * fractional radius comes from Gwosdek et al. (2011). Each pass rounds to uint8 with 24-bit fixed-point
 * weights; all passes run along rows first, then all passes along columns; edges replicate the border pixel.
 * Float and unsigned 32-bit arithmetic follow the C code so the output is pixel-identical to Pillow.
 */
public final class PillowGaussianBlur {

    /** Pillow's default number of box passes. */
    public static final int PASSES = 3;

    private PillowGaussianBlur() {
    }

    /** The fractional box radius for σ and the number of passes ({@code _gaussian_blur_radius}). */
    public static float boxRadius(float sigma, int passes) {
        float sigma2 = sigma * sigma / passes;
        float length = (float) Math.sqrt(12.0 * sigma2 + 1.0);
        float l = (float) Math.floor((length - 1.0) / 2.0);
        float a = (2 * l + 1) * (l * (l + 1) - 3 * sigma2);
        a /= 6 * (sigma2 - (l + 1) * (l + 1));
        return l + a;
    }

    /** Blurs every channel of a plane set in place: {@code planes} is [channels][height * width], values 0 … 255. */
    public static void blurPlanes(int[][] planes, int width, int height, float sigma) {
        float radius = boxRadius(sigma, PASSES);
        if (radius == 0) return;
        int longest = Math.max(width, height);
        int[] line = new int[longest], out = new int[longest];
        for (int[] plane : planes) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(plane, y * width, line, 0, width);
                for (int pass = 0; pass < PASSES; pass++) {
                    boxBlurLine(line, out, width, radius);
                    System.arraycopy(out, 0, line, 0, width);
                }
                System.arraycopy(line, 0, plane, y * width, width);
            }
            for (int x = 0; x < width; x++) {
                for (int y = 0; y < height; y++) line[y] = plane[y * width + x];
                for (int pass = 0; pass < PASSES; pass++) {
                    boxBlurLine(line, out, height, radius);
                    System.arraycopy(out, 0, line, 0, height);
                }
                for (int y = 0; y < height; y++) plane[y * width + x] = line[y];
            }
        }
    }

    /** One extended-box pass over {@code in[0 … length−1]} into {@code out} ({@code ImagingHorizontalBoxBlur}). */
    static void boxBlurLine(int[] in, int[] out, int length, float floatRadius) {
        int radius = (int) floatRadius;
        long ww = (long) (16777216f / (floatRadius * 2 + 1));          // UINT32, truncated from float
        long fw = ((1L << 24) - (radius * 2L + 1) * ww) / 2;           // weight of the two fractional ends
        int lastx = length - 1;
        int edgeA = Math.min(radius + 1, length);
        int edgeB = Math.max(length - radius - 1, 0);
        long acc = (long) in[0] * (radius + 1);
        for (int x = 0; x < edgeA - 1; x++) acc += in[x];
        acc += (long) in[lastx] * (radius - edgeA + 1);
        if (edgeA <= edgeB) {
            for (int x = 0; x < edgeA; x++) {
                acc += in[x + radius] - in[0];
                out[x] = save(acc * ww + (long) (in[0] + in[x + radius + 1]) * fw);
            }
            for (int x = edgeA; x < edgeB; x++) {
                acc += in[x + radius] - in[x - radius - 1];
                out[x] = save(acc * ww + (long) (in[x - radius - 1] + in[x + radius + 1]) * fw);
            }
            for (int x = edgeB; x <= lastx; x++) {
                acc += in[lastx] - in[x - radius - 1];
                out[x] = save(acc * ww + (long) (in[x - radius - 1] + in[lastx]) * fw);
            }
        } else {
            for (int x = 0; x < edgeB; x++) {
                acc += in[x + radius] - in[0];
                out[x] = save(acc * ww + (long) (in[0] + in[x + radius + 1]) * fw);
            }
            for (int x = edgeB; x < edgeA; x++) {
                acc += in[lastx] - in[0];
                out[x] = save(acc * ww + (long) (in[0] + in[lastx]) * fw);
            }
            for (int x = edgeA; x <= lastx; x++) {
                acc += in[lastx] - in[x - radius - 1];
                out[x] = save(acc * ww + (long) (in[x - radius - 1] + in[lastx]) * fw);
            }
        }
    }

    /** {@code (UINT8)((bulk + (1 << 23)) >> 24)} in unsigned 32-bit arithmetic. */
    private static int save(long bulk) {
        return (int) ((((bulk & 0xFFFFFFFFL) + (1L << 23)) & 0xFFFFFFFFL) >>> 24) & 0xFF;
    }
}
