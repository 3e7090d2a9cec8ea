package vlmscope.analysis;

/** Small dense-vector helpers in double precision (IDs are stored as float32 and analysed in double). */
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
        checkSameLength(a, b);
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] - b[i];
        return out;
    }

    /** {@code a + b}. */
    public static double[] add(double[] a, double[] b) {
        checkSameLength(a, b);
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] + b[i];
        return out;
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

    private static void checkSameLength(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("vector lengths differ: " + a.length + " vs " + b.length);
    }
}
