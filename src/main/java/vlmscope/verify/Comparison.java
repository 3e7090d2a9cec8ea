package vlmscope.verify;

/**
 * Accumulates element-wise differences for one group of golden values. An element passes when
 * {@code |actual - expected| <= abs} or {@code |actual - expected| <= rel * |expected|}.
 */
final class Comparison {

    private final String name;
    private final double absTol;
    private final double relTol;
    private double maxAbs;
    private double maxRel;
    private long count;
    private long failures;
    private String firstFailure;

    Comparison(String name, double absTol, double relTol) {
        this.name = name;
        this.absTol = absTol;
        this.relTol = relTol;
    }

    void add(String what, double expected, double actual) {
        add(what, expected, actual, absTol);
    }

    /** Compares with an explicit absolute tolerance (e.g. scaled to the number of summed elements). */
    void add(String what, double expected, double actual, double abs) {
        double diff = Math.abs(actual - expected);
        double rel = expected == 0 ? (diff == 0 ? 0 : Double.POSITIVE_INFINITY) : diff / Math.abs(expected);
        count++;
        if (Double.isNaN(actual)) diff = Double.POSITIVE_INFINITY;
        maxAbs = Math.max(maxAbs, diff);
        if (!Double.isInfinite(rel)) maxRel = Math.max(maxRel, rel);
        if (!(diff <= abs || diff <= relTol * Math.abs(expected))) {
            failures++;
            if (firstFailure == null) firstFailure = what + ": expected " + expected + ", got " + actual;
        }
    }

    /** Records an exact check (ids, argmax, shapes). */
    void require(String what, boolean ok, String detail) {
        count++;
        if (!ok) {
            failures++;
            if (firstFailure == null) firstFailure = what + ": " + detail;
        }
    }

    void addAll(String what, double[] expected, float[] actual) {
        if (expected.length != actual.length) {
            require(what + " length", false, "expected " + expected.length + " values, got " + actual.length);
            return;
        }
        for (int i = 0; i < expected.length; i++) add(what + "[" + i + "]", expected[i], actual[i]);
    }

    GroupResult result() {
        return new GroupResult(name, count, maxAbs, maxRel, failures == 0 && count > 0,
                count == 0 ? "no values compared" : firstFailure == null ? "" : failures + " failing, first " + firstFailure);
    }
}
