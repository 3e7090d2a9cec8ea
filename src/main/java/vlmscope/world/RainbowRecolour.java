package vlmscope.world;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * The paper's attribute-swap control, {@code recolor_with_random_rainbow} (docs/paper-mapping.md#swap): a rainbow hue
 * gradient along direction θ is mixed into the image's Pillow-HSV hue, saturation is boosted, and the result is
 * converted back with Pillow's HSV → RGB. The layout is unchanged and black stays black (V = 0). The paper draws
 * θ, freq and phase from unseeded numpy; here they come from a seeded {@link SplittableRandom}.
 *
 * @param theta     gradient direction, radians
 * @param freq      hue cycles across the normalised gradient
 * @param phase     hue offset in [0, 1)
 * @param strength  weight of the rainbow hue (paper 0.75)
 * @param satBoost  saturation gain (paper 1.1)
 * @param valueGain value gain (paper 1.0)
 */
public record RainbowRecolour(double theta, double freq, double phase, double strength, double satBoost,
                              double valueGain) {

    /** The paper's draw: θ ~ U[0, 2π), freq ~ U[0.8, 2.5), phase ~ U[0, 1), with the paper's constants. */
    public static RainbowRecolour draw(SplittableRandom rng) {
        double theta = 2 * Math.PI * rng.nextDouble();
        double freq = 0.8 + 1.7 * rng.nextDouble();
        double phase = rng.nextDouble();
        return new RainbowRecolour(theta, freq, phase, 0.75, 1.1, 1.0);
    }

    /** The recoloured copy; each pixel's alpha is kept. */
    public BufferedImage apply(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);   // [h * w]
        double[] gradient = new double[w * h];                // [h * w] U = cosθ·X + sinθ·Y
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                double u = Math.cos(theta) * linspace(x, w) + Math.sin(theta) * linspace(y, h);
                gradient[y * w + x] = u;
                min = Math.min(min, u);
                max = Math.max(max, u);
            }
        double range = max - min;
        int[] out = new int[w * h];                           // [h * w]
        for (int i = 0; i < out.length; i++) {
            double u = range > 0 ? (gradient[i] - min) / range : 0;
            double rainbowHue = (u * freq + phase) % 1.0;
            int p = argb[i];
            int hsv = PillowHsv.rgbToHsv((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF);
            double hue = (1 - strength) * ((hsv >> 16) & 0xFF) / 255.0 + strength * rainbowHue;
            double sat = satBoost * ((hsv >> 8) & 0xFF) / 255.0, value = valueGain * (hsv & 0xFF) / 255.0;
            int rgb = PillowHsv.hsvToRgb(quantise(hue), quantise(sat), quantise(value));
            out[i] = (p & 0xFF000000) | rgb;
        }
        BufferedImage result = ImageCopies.blankLike(image);
        result.setRGB(0, 0, w, h, out, 0, w);
        return result;
    }

    /** numpy's {@code linspace(0, 1, n)[i]}. */
    private static double linspace(int i, int n) {
        return n == 1 ? 0 : (i == n - 1 ? 1.0 : i * (1.0 / (n - 1)));
    }

    /** {@code (clip(x, 0, 1) * 255).astype(uint8)}. */
    private static int quantise(double x) {
        return (int) (Math.clamp(x, 0.0, 1.0) * 255);
    }
}
