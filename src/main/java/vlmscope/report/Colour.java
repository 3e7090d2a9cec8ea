package vlmscope.report;

import java.util.Locale;

/** An sRGB colour with opacity; components 0–255, alpha 0–1. */
public record Colour(int red, int green, int blue, double alpha) {

    public Colour {
        if (red < 0 || red > 255 || green < 0 || green > 255 || blue < 0 || blue > 255 || !(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("colour out of range: " + red + "," + green + "," + blue + "," + alpha);
        }
    }

    /** An opaque colour from {@code "#rrggbb"}. */
    public static Colour hex(String rgb) {
        if (!rgb.matches("#[0-9a-fA-F]{6}")) throw new IllegalArgumentException("not #rrggbb: " + rgb);
        int v = Integer.parseInt(rgb.substring(1), 16);
        return new Colour(v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff, 1.0);
    }

    public Colour withAlpha(double newAlpha) {
        return new Colour(red, green, blue, newAlpha);
    }

    /** {@code "#rrggbb"} (opacity not included). */
    public String rgbHex() {
        return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
    }

    /** Relative luminance 0–1 (Rec. 709 weights on the gamma-encoded values; enough to pick black or white text). */
    public double luminance() {
        return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255.0;
    }

    /** Linear blend: {@code t = 0} gives this colour, {@code t = 1} gives {@code other}. */
    public Colour mix(Colour other, double t) {
        return new Colour((int) Math.round(red + (other.red - red) * t), (int) Math.round(green + (other.green - green) * t),
                (int) Math.round(blue + (other.blue - blue) * t), alpha + (other.alpha - alpha) * t);
    }
}
