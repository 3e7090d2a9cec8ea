package vlmscope.report;

/** How a line is drawn: colour, width in points, solid or dashed. */
record Stroke(Colour colour, double width, boolean dashed) {

    static Stroke solid(Colour colour, double width) {
        return new Stroke(colour, width, false);
    }

    static Stroke dashed(Colour colour, double width) {
        return new Stroke(colour, width, true);
    }

    /** matplotlib's "--" pattern, scaled by the line width. */
    double[] dashPattern() {
        return new double[]{3.7 * width, 1.6 * width};
    }
}
