package vlmscope.analysis;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** PCA against closed forms and across its two code paths. */
class PcaTest {

    @Test
    void twoPointsHaveOneComponentAlongTheirDifference() {
        double[] p = {1, 2, 3}, q = {3, -2, 4};
        Pca pca = Pca.fit(new double[][] {p, q});             // n = 2 < d = 3: Gram path
        double[] diff = Vectors.sub(p, q);                      // (−2, 4, −1), ‖·‖² = 21
        assertEquals(21.0 / 4.0, pca.variances()[0], 1e-12);  // population variance: (‖p−q‖/2)²
        assertEquals(0.0, pca.variances()[1], 1e-12);
        assertEquals(1.0, Math.abs(Vectors.cosine(pca.component(0), diff)), 1e-12);
        assertEquals(1.0, pca.explainedRatio(1), 1e-12);
        assertArray(new double[] {2, 0, 3.5}, pca.mean());
        assertEquals(Math.sqrt(21) / 2, Math.abs(pca.project(p, 1)[0]), 1e-12);
    }

    @Test
    void covarianceOfAxisAlignedSetIsDiagonal() {
        double[][] pts = {{2, 0}, {-2, 0}, {0, 1}, {0, -1}};  // Var = 2 along e0, 0.5 along e1 (d ≤ n path)
        Pca pca = Pca.fit(pts);
        assertEquals(2.0, pca.variances()[0], 1e-12);
        assertEquals(0.5, pca.variances()[1], 1e-12);
        assertEquals(1.0, Math.abs(pca.component(0)[0]), 1e-12);
        assertEquals(0.8, pca.explainedRatio(1), 1e-12);
    }

    @Test
    void gramAndCovariancePathsAgree() {
        SplittableRandom r = new SplittableRandom(5);
        double[][] pts = new double[6][5];
        for (double[] row : pts) for (int j = 0; j < row.length; j++) row[j] = r.nextGaussian() * (j + 1);
        Pca viaCovariance = Pca.fit(pts);                     // d = 5 ≤ n = 6
        double[][] padded = new double[6][40];                // same points embedded in d = 40 > n
        for (int i = 0; i < 6; i++) System.arraycopy(pts[i], 0, padded[i], 0, 5);
        Pca viaGram = Pca.fit(padded);
        for (int c = 0; c < 5; c++) {
            assertEquals(viaCovariance.variances()[c], viaGram.variances()[c], 1e-10, "variance " + c);
            double[] gc = java.util.Arrays.copyOf(viaGram.component(c), 5);
            assertEquals(1.0, Math.abs(Vectors.cosine(gc, viaCovariance.component(c))), 1e-9, "component " + c);
        }
        double sum = 0;
        for (double v : viaCovariance.variances()) sum += v;
        assertEquals(viaCovariance.totalVariance(), sum, 1e-10);
    }

    private static void assertArray(double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 1e-12);
    }
}
