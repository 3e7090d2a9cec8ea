package vlmscope.world;

/**
 * Pillow's 8-bit RGB ↔ HSV conversions ({@code src/libImaging/Convert.c}: {@code rgb2hsv_row}, {@code hsv2rgb}),
 * ported with their float/double mix and truncations so {@code image.convert("HSV")} round trips match.
 * Values are packed as 0xAABBCC with A = R or H, B = G or S, C = B or V.
 */
public final class PillowHsv {

    private PillowHsv() {
    }

    public static int rgbToHsv(int r, int g, int b) {
        int maxc = Math.max(r, Math.max(g, b)), minc = Math.min(r, Math.min(g, b));
        int uh = 0, us = 0;
        if (minc != maxc) {
            float cr = maxc - minc;
            float s = cr / (float) maxc;
            float rc = (maxc - r) / cr, gc = (maxc - g) / cr, bc = (maxc - b) / cr;
            float h;
            if (r == maxc) h = bc - gc;
            else if (g == maxc) h = (float) (2.0 + rc - bc);
            else h = (float) (4.0 + gc - rc);
            h = (float) ((h / 6.0 + 1.0) % 1.0);   // Java's floating % is C's fmod
            uh = clip8((int) (h * 255.0));
            us = clip8((int) (s * 255.0));
        }
        return (uh << 16) | (us << 8) | maxc;
    }

    public static int hsvToRgb(int h, int s, int v) {
        if (s == 0) return (v << 16) | (v << 8) | v;
        int i = (int) Math.floor((float) h * 6.0 / 255.0);
        float f = (float) ((float) h * 6.0 / 255.0 - (float) i);
        float fs = (float) ((float) s / 255.0);
        int p = clip8(cRound((float) v * (1.0 - fs)));
        int q = clip8(cRound((float) v * (1.0 - fs * f)));
        int t = clip8(cRound((float) v * (1.0 - fs * (1.0 - f))));
        return switch (i % 6) {
            case 0 -> pack(v, t, p);
            case 1 -> pack(q, v, p);
            case 2 -> pack(p, v, t);
            case 3 -> pack(p, q, v);
            case 4 -> pack(t, p, v);
            default -> pack(v, p, q);
        };
    }

    /** C's {@code round} for non-negative arguments: halves go up. */
    private static int cRound(double x) {
        double floor = Math.floor(x);
        return (int) (x - floor >= 0.5 ? floor + 1 : floor);
    }

    private static int clip8(int v) {
        return Math.clamp(v, 0, 255);
    }

    private static int pack(int a, int b, int c) {
        return (a << 16) | (b << 8) | c;
    }
}
