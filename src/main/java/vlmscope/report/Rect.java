package vlmscope.report;

/** An axis-aligned rectangle in figure points (origin top left, y grows downward). */
record Rect(double x, double y, double width, double height) {

    double right() {
        return x + width;
    }

    double bottom() {
        return y + height;
    }

    double centreX() {
        return x + width / 2;
    }

    double centreY() {
        return y + height / 2;
    }

    Rect inset(double left, double top, double rightInset, double bottomInset) {
        return new Rect(x + left, y + top, Math.max(1, width - left - rightInset), Math.max(1, height - top - bottomInset));
    }

    boolean contains(double px, double py) {
        return px >= x && px <= right() && py >= y && py <= bottom();
    }
}
