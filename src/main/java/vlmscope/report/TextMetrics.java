package vlmscope.report;

/**
 * Text extents for layout, from a fixed table of DejaVu Sans advance widths (in ems), so both backends lay out
 * identically and the SVG does not depend on the fonts installed where it was made.
 */
final class TextMetrics {

    private TextMetrics() {
    }

    /** Advance width of {@code text} at {@code size} points. */
    static double width(String text, double size, boolean bold) {
        double ems = 0;
        for (int i = 0; i < text.length(); i++) ems += advance(text.charAt(i));
        return ems * size * (bold ? 1.08 : 1.0);
    }

    /** Line height (ascent + descent) at {@code size} points. */
    static double height(double size) {
        return 1.17 * size;
    }

    private static double advance(char c) {
        if (c >= '0' && c <= '9') return 0.636;
        if ("il.,:;'|!".indexOf(c) >= 0) return 0.30;
        if (" ftrIj()[]".indexOf(c) >= 0) return 0.37;
        if (c == 'm') return 0.97;
        if (c == 'w') return 0.82;
        if (c == 'M') return 0.86;
        if (c == 'W') return 0.99;
        if (c >= 'a' && c <= 'z') return 0.60;
        if (c >= 'A' && c <= 'Z') return 0.70;
        if (c == '-' || c == '−') return 0.45;
        return 0.65;
    }
}
