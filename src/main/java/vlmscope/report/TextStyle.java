package vlmscope.report;

/**
 * How a text is placed: size in points, colour, weight, rotation (degrees, counter-clockwise as read) and the anchor
 * point's position on the text box ({@code hAlign}: start/middle/end; {@code vAlign}: top/middle/baseline/bottom).
 */
record TextStyle(double size, Colour colour, boolean bold, double rotation, HAlign hAlign, VAlign vAlign) {

    enum HAlign { START, MIDDLE, END }

    enum VAlign { TOP, MIDDLE, BASELINE, BOTTOM }

    static TextStyle of(double size) {
        return new TextStyle(size, Colours.BLACK, false, 0, HAlign.MIDDLE, VAlign.BASELINE);
    }

    TextStyle align(HAlign h, VAlign v) {
        return new TextStyle(size, colour, bold, rotation, h, v);
    }

    TextStyle rotated(double degrees) {
        return new TextStyle(size, colour, bold, degrees, hAlign, vAlign);
    }

    TextStyle colour(Colour c) {
        return new TextStyle(size, c, bold, rotation, hAlign, vAlign);
    }

    /** Offset from the anchor to the baseline along the text's own vertical axis (DejaVu Sans proportions). */
    double baselineShift() {
        return switch (vAlign) {
            case TOP -> 0.76 * size;
            case MIDDLE -> 0.36 * size;
            case BASELINE -> 0;
            case BOTTOM -> -0.24 * size;
        };
    }
}
