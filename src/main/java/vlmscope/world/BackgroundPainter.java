package vlmscope.world;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Fills a pixel buffer with a {@link Background}: black, or a dim tinted value-noise texture with fine grain. */
final class BackgroundPainter {

    private static final int LATTICE = 8;   // noise lattice cells across the canvas
    private static final int LOW = 18, HIGH = 80, GRAIN = 6;

    private BackgroundPainter() {
    }

    /** Paints into {@code pixels} ([height * width] packed 0xRRGGBB, row-major). */
    static void paint(Background background, int width, int height, int[] pixels) {
        if (background.kind() == Background.Kind.BLACK) {
            Arrays.fill(pixels, 0, width * height, 0);
            return;
        }
        SplittableRandom rng = new SplittableRandom(background.seed());
        double tintR = 0.6 + 0.4 * rng.nextDouble(), tintG = 0.6 + 0.4 * rng.nextDouble();
        double tintB = 0.6 + 0.4 * rng.nextDouble();
        double[] lattice = new double[(LATTICE + 1) * (LATTICE + 1)];   // [LATTICE+1, LATTICE+1]
        for (int i = 0; i < lattice.length; i++) lattice[i] = LOW + (HIGH - LOW) * rng.nextDouble();
        for (int y = 0; y < height; y++) {
            double gy = (double) y * LATTICE / height;
            int iy = (int) gy;
            double fy = gy - iy;
            for (int x = 0; x < width; x++) {
                double gx = (double) x * LATTICE / width;
                int ix = (int) gx;
                double fx = gx - ix;
                double top = lattice[iy * (LATTICE + 1) + ix] * (1 - fx) + lattice[iy * (LATTICE + 1) + ix + 1] * fx;
                double low = lattice[(iy + 1) * (LATTICE + 1) + ix] * (1 - fx)
                        + lattice[(iy + 1) * (LATTICE + 1) + ix + 1] * fx;
                double value = top * (1 - fy) + low * fy + rng.nextInt(-GRAIN, GRAIN + 1);
                int r = clamp8(value * tintR), g = clamp8(value * tintG), b = clamp8(value * tintB);
                int column = background.mirrored() ? width - 1 - x : x;
                pixels[y * width + column] = (r << 16) | (g << 8) | b;
            }
        }
    }

    private static int clamp8(double v) {
        return Math.clamp((long) Math.floor(v + 0.5), 0, 255);
    }
}
