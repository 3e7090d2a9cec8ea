package vlmscope.analysis;

import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;

/**
 * Small dense-vector helpers. IDs are stored as float32 and analysed in double ({@code double[]} methods); steering
 * edits stay in float32 ({@code float[]} methods: element-wise results in float, sums and norms in double).
 */
public final class Vectors {

    private Vectors() {
    }

    public static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i];
        return out;
    }

    public static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) v[i];
        return out;
    }

    public static double dot(double[] a, double[] b) {
        checkSameLength(a, b);
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** {@code a - b}. */
    public static double[] sub(double[] a, double[] b) {
        return elementwise(a, b, (x, y) -> x - y);
    }

    /** {@code a + b}. */
    public static double[] add(double[] a, double[] b) {
        return elementwise(a, b, (x, y) -> x + y);
    }

    /** {@code s · a}. */
    public static double[] scale(double[] a, double s) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] * s;
        return out;
    }

    /** {@code acc += s · a}, in place. */
    public static void addScaled(double[] acc, double[] a, double s) {
        checkSameLength(acc, a);
        for (int i = 0; i < a.length; i++) acc[i] += s * a[i];
    }

    /** {@code a / ‖a‖}; an error for a (numerically) zero vector. */
    public static double[] normalize(double[] a) {
        double n = norm(a);
        if (!(n > 0) || !Double.isFinite(n)) throw new IllegalArgumentException("cannot normalise a zero or non-finite vector");
        return scale(a, 1.0 / n);
    }

    /** Cosine similarity; NaN when either vector is zero. */
    public static double cosine(double[] a, double[] b) {
        double na = norm(a), nb = norm(b);
        return na == 0 || nb == 0 ? Double.NaN : dot(a, b) / (na * nb);
    }

    /** Mean of the rows of {@code rows} [n, d] → [d]. */
    public static double[] mean(double[][] rows) {
        if (rows.length == 0) throw new IllegalArgumentException("mean of no vectors");
        double[] m = new double[rows[0].length];
        for (double[] r : rows) addScaled(m, r, 1.0);
        return scale(m, 1.0 / rows.length);
    }

    /** The rows minus their mean, [n, d]. */
    public static double[][] centred(double[][] rows) {
        double[] m = mean(rows);
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) out[i] = sub(rows[i], m);
        return out;
    }

    /** Sum over coordinates of the population variance of each coordinate over the rows [n, d]. */
    public static double totalVariance(double[][] rows) {
        double total = 0;
        for (double[] r : centred(rows)) total += dot(r, r);
        return total / rows.length;
    }

    /** Population variance of a sample. */
    public static double variance(double[] xs) {
        double m = 0;
        for (double x : xs) m += x;
        m /= xs.length;
        double s = 0;
        for (double x : xs) s += (x - m) * (x - m);
        return s / xs.length;
    }

    /** a − b in float: [d]. */
    public static float[] minus(float[] a, float[] b) {
        return elementwise(a, b, (x, y) -> x - y);
    }

    /** a + b in float: [d]. */
    public static float[] plus(float[] a, float[] b) {
        return elementwise(a, b, (x, y) -> x + y);
    }

    /** s · a, each product in double rounded to float: [d]. */
    public static float[] scaled(float[] a, double s) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) out[i] = (float) (s * a[i]);
        return out;
    }

    /** a · b summed in double. */
    public static double dot(float[] a, float[] b) {
        checkSameLength(a, b);
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }

    public static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** Frobenius norm of rows [n, d]. */
    public static double frobenius(float[][] rows) {
        double s = 0;
        for (float[] r : rows) s += dot(r, r);
        return Math.sqrt(s);
    }

    /** {@code length} · a/‖a‖: [d]; the zero vector when a is zero or length is 0. */
    public static float[] withLength(float[] a, double length) {
        double n = norm(a);
        if (n == 0 || length == 0) return new float[a.length];
        return scaled(a, length / n);
    }

    /** A standard-normal draw N(0, I_d): [d]. */
    public static float[] gaussian(SplittableRandom rng, int d) {
        float[] out = new float[d];
        for (int i = 0; i < d; i++) out[i] = (float) rng.nextGaussian();
        return out;
    }

    /**
     * The projection of v onto the plane spanned by {@code ax} and {@code ay}, in float with the Gram–Schmidt basis
     * u = ax/‖ax‖, w = (ay − (ay·u)u)/‖…‖ of docs/paper-mapping.md#ids (as {@link AxesPlane}, which works in double): [d].
     */
    public static float[] ontoPlane(float[] v, float[] ax, float[] ay) {
        float[] u = withLength(ax, 1);
        float[] w = withLength(minus(ay, scaled(u, dot(ay, u))), 1);
        return plus(scaled(u, dot(v, u)), scaled(w, dot(v, w)));
    }

    /** A float operation on two floats (no widening to double, so float results round once). */
    @FunctionalInterface
    private interface FloatBinaryOperator {
        float applyAsFloat(float x, float y);
    }

    /** {@code op(a[i], b[i])} for every i: [d]. */
    private static double[] elementwise(double[] a, double[] b, DoubleBinaryOperator op) {
        checkSameLength(a, b);
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = op.applyAsDouble(a[i], b[i]);
        return out;
    }

    /** {@code op(a[i], b[i])} for every i, in float: [d]. */
    private static float[] elementwise(float[] a, float[] b, FloatBinaryOperator op) {
        checkSameLength(a, b);
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) out[i] = op.applyAsFloat(a[i], b[i]);
        return out;
    }

    private static void checkSameLength(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("vector lengths differ: " + a.length + " vs " + b.length);
    }

    private static void checkSameLength(float[] a, float[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("vector lengths differ: " + a.length + " vs " + b.length);
    }
}
