package vlmscope.experiments.diagnosis;

import vlmscope.analysis.Vectors;

/**
 * Coordinates on the plane of two axes, as the paper's {@code project_onto_plane} (docs/paper-mapping.md#deviation):
 * {@code u = X/‖X‖}, {@code v = (Y − (Y·u)u)/‖·‖}, coordinates {@code (E·u, E·v)}, no centring.
 *
 * <p>The same basis as {@code AxesPlane}, but normalised by division ({@code a[i] / ‖a‖}) rather
 * than by the reciprocal, so the deviation margins stay bit-identical to the results this experiment has written
 * (the two differ in the last bits, about 1e-14 relative).
 */
final class PlaneCoordinates {

    private final double[] u;   // [d]
    private final double[] v;   // [d]

    PlaneCoordinates(float[] xAxis, float[] yAxis) {
        u = normalised(Vectors.toDouble(xAxis));
        double[] y = Vectors.toDouble(yAxis);
        double along = Vectors.dot(y, u);
        for (int i = 0; i < y.length; i++) y[i] -= along * u[i];
        v = normalised(y);
    }

    /** (E·u, E·v) of a [d] vector. */
    double[] project(float[] e) {
        double[] x = Vectors.toDouble(e);
        return new double[] {Vectors.dot(x, u), Vectors.dot(x, v)};
    }

    private static double[] normalised(double[] a) {
        double n = Vectors.norm(a);
        if (n == 0) throw new IllegalArgumentException("an axis is the zero vector (or Y is parallel to X)");
        for (int i = 0; i < a.length; i++) a[i] /= n;
        return a;
    }
}
