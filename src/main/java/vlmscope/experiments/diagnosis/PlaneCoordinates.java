package vlmscope.experiments.diagnosis;

/**
 * Coordinates on the plane of two axes, as the paper's {@code project_onto_plane} (paper-spec §7.4):
 * {@code u = X/‖X‖}, {@code v = (Y − (Y·u)u)/‖·‖}, coordinates {@code (E·u, E·v)}, no centring.
 */
final class PlaneCoordinates {

    private final double[] u;   // [d]
    private final double[] v;   // [d]

    PlaneCoordinates(float[] xAxis, float[] yAxis) {
        u = normalised(toDouble(xAxis));
        double[] y = toDouble(yAxis);
        double along = dot(y, u);
        for (int i = 0; i < y.length; i++) y[i] -= along * u[i];
        v = normalised(y);
    }

    /** (E·u, E·v) of a [d] vector. */
    double[] project(float[] e) {
        double[] x = toDouble(e);
        return new double[] {dot(x, u), dot(x, v)};
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double[] normalised(double[] a) {
        double n = Math.sqrt(dot(a, a));
        if (n == 0) throw new IllegalArgumentException("an axis is the zero vector (or Y is parallel to X)");
        for (int i = 0; i < a.length; i++) a[i] /= n;
        return a;
    }
}
