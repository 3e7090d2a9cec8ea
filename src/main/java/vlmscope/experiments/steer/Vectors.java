package vlmscope.experiments.steer;

import java.util.SplittableRandom;

/** Small float-vector arithmetic for steering (sums and norms in double). */
public final class Vectors {

    private Vectors() {
    }

    /** a − b: [d]. */
    public static float[] minus(float[] a, float[] b) {
        check(a, b);
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] - b[i];
        return out;
    }

    /** a + b: [d]. */
    public static float[] plus(float[] a, float[] b) {
        check(a, b);
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] + b[i];
        return out;
    }

    /** s · a: [d]. */
    public static float[] scaled(float[] a, double s) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) out[i] = (float) (s * a[i]);
        return out;
    }

    public static double dot(float[] a, float[] b) {
        check(a, b);
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
     * The projection of v onto the plane spanned by {@code ax} and {@code ay}, using the Gram–Schmidt basis
     * u = ax/‖ax‖, w = (ay − (ay·u)u)/‖…‖ of paper-spec §2.7: [d].
     */
    public static float[] ontoPlane(float[] v, float[] ax, float[] ay) {
        float[] u = withLength(ax, 1);
        float[] w = withLength(minus(ay, scaled(u, dot(ay, u))), 1);
        return plus(scaled(u, dot(v, u)), scaled(w, dot(v, w)));
    }

    private static void check(float[] a, float[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("vector widths differ: " + a.length + " vs " + b.length);
    }
}
