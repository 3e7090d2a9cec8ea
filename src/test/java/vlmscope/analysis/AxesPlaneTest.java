package vlmscope.analysis;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Projection identities of the axes plane. */
class AxesPlaneTest {

    @Test
    void basisIsOrthonormalAndFollowsTheFirstAxis() {
        double[] x = {3, 0, 0, 0}, y = {1, 2, 0, 0};
        AxesPlane p = AxesPlane.of(x, y);
        assertArray(new double[] {1, 0, 0, 0}, p.u());
        assertArray(new double[] {0, 1, 0, 0}, p.v());
        assertArray(new double[] {5, -7}, p.project(new double[] {5, -7, 9, 11}));
    }

    @Test
    void inPlaneVectorsKeepTheirNormAndReconstructExactly() {
        SplittableRandom r = new SplittableRandom(3);
        double[] x = random(r, 12), y = random(r, 12);
        AxesPlane p = AxesPlane.of(x, y);
        assertEquals(1.0, Vectors.norm(p.u()), 1e-12);
        assertEquals(1.0, Vectors.norm(p.v()), 1e-12);
        assertEquals(0.0, Vectors.dot(p.u(), p.v()), 1e-12);
        double[] e = Vectors.add(Vectors.scale(x, 0.7), Vectors.scale(y, -1.3));
        assertEquals(Vectors.norm(e), Vectors.norm(p.project(e)), 1e-12);
        assertArray(e, p.reconstruct(e));
        // The residual of any vector is orthogonal to both axes.
        double[] f = random(r, 12);
        double[] residual = Vectors.sub(f, p.reconstruct(f));
        assertEquals(0.0, Vectors.dot(residual, x), 1e-12);
        assertEquals(0.0, Vectors.dot(residual, y), 1e-12);
    }

    @Test
    void explainedVarianceIsTheShareKeptByTheProjection() {
        // Points vary by ±1 along e0 (in plane) and ±2 along e2 (out of plane), independently: Var = 1 and 4.
        double[] x = {1, 0, 0}, y = {0, 1, 0};
        double[][] pts = {{1, 5, 2}, {-1, 5, 2}, {1, 5, -2}, {-1, 5, -2}};
        assertEquals(1.0 / 5.0, AxesPlane.of(x, y).explainedVariance(pts), 1e-15);
        assertEquals(1.0, AxesPlane.of(new double[] {1, 0, 0}, new double[] {0, 0, 1}).explainedVariance(pts), 1e-15);
    }

    @Test
    void parallelAxesSpanNoPlane() {
        assertThrows(IllegalArgumentException.class, () -> AxesPlane.of(new double[] {1, 2}, new double[] {2, 4}));
    }

    private static double[] random(SplittableRandom r, int d) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) v[i] = r.nextGaussian();
        return v;
    }

    private static void assertArray(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 1e-12, "coordinate " + i);
    }
}
