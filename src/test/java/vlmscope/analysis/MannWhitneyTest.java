package vlmscope.analysis;

import org.junit.jupiter.api.Test;
import vlmscope.analysis.MannWhitney.Alternative;
import vlmscope.analysis.MannWhitney.Method;
import vlmscope.analysis.MannWhitney.Result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MannWhitneyTest {

    private static void check(double[] x, double[] y, Alternative alt, double u, double p, Method method) {
        Result r = MannWhitney.test(x, y, alt);
        assertEquals(u, r.u(), 1e-12, "U");
        assertEquals(p, r.p(), 1e-12, alt + " p");
        assertEquals(method, r.method());
    }

    /** x all below y: U1 = 0; P(U2 = 9) = 1 / C(6, 3) = 1/20 by counting orderings. */
    @Test
    void separatedSamplesExactByCounting() {
        double[] x = {1, 2, 3}, y = {4, 5, 6};
        check(x, y, Alternative.LESS, 0, 1 / 20.0, Method.EXACT);
        check(x, y, Alternative.GREATER, 0, 1, Method.EXACT);
        check(x, y, Alternative.TWO_SIDED, 0, 2 / 20.0, Method.EXACT);
    }

    /**
     * x = {1, 2, 2}, y = {2, 3}: pooled ranks 1, 3, 3, 3, 5 → R1 = 7, U1 = 1, U2 = 5; one tie group of 3 gives
     * Σ(t³ − t) = 24, σ² = 6/12 · (6 − 24/20) = 2.4. Two-sided: z = (5 − 3 − 0.5)/√2.4; greater: z = (1 − 3 − 0.5)/√2.4.
     */
    @Test
    void tiesUseNormalApproximationWithTieAndContinuityCorrection() {
        double[] x = {1, 2, 2}, y = {2, 3};
        double s = Math.sqrt(2.4);
        check(x, y, Alternative.TWO_SIDED, 1, 2 * normalSf(1.5 / s), Method.ASYMPTOTIC);
        check(x, y, Alternative.GREATER, 1, normalSf(-2.5 / s), Method.ASYMPTOTIC);
        check(x, y, Alternative.LESS, 1, normalSf(1.5 / s), Method.ASYMPTOTIC);
        // scipy 1.17.1 mannwhitneyu(x, y, method="auto")
        check(x, y, Alternative.TWO_SIDED, 1, 0.3329216080655659, Method.ASYMPTOTIC);
        check(x, y, Alternative.GREATER, 1, 0.9467084152125562, Method.ASYMPTOTIC);
        check(x, y, Alternative.LESS, 1, 0.16646080403278296, Method.ASYMPTOTIC);
    }

    /** Values recorded from scipy 1.17.1, method="auto": small exact, one side ≤ 8 exact, and large with ties. */
    @Test
    void matchesScipy() {
        double[] a = {1.5, 3.2, 0.7, 4.4, 2.9}, b = {2.0, 5.1, 3.3, 6.0, 0.1, 4.9};
        check(a, b, Alternative.TWO_SIDED, 9, 0.32900432900432897, Method.EXACT);
        check(a, b, Alternative.GREATER, 9, 0.8766233766233766, Method.EXACT);
        check(a, b, Alternative.LESS, 9, 0.16450216450216448, Method.EXACT);

        double[] c = new double[8], d = new double[20];
        for (int i = 0; i < 8; i++) c[i] = i * 2.5 + 0.3;
        for (int i = 0; i < 20; i++) d[i] = i * 1.1;
        check(c, d, Alternative.TWO_SIDED, 70, 0.6357719575110881, Method.EXACT);
        check(c, d, Alternative.GREATER, 70, 0.6997450214841519, Method.EXACT);
        check(c, d, Alternative.LESS, 70, 0.31788597875554403, Method.EXACT);

        double[] e = {0.3, 1.2, 1.2, 2.5, 3.1, 4.0, 4.0, 4.0, 5.5, 6.1, 7.2};
        double[] f = {1.0, 1.2, 2.2, 2.5, 2.5, 3.9, 4.0, 5.0, 5.1, 8.0};
        check(e, f, Alternative.TWO_SIDED, 58.5, 0.8317176287245026, Method.ASYMPTOTIC);
        check(e, f, Alternative.GREATER, 58.5, 0.4158588143622513, Method.ASYMPTOTIC);
        check(e, f, Alternative.LESS, 58.5, 0.6115389098870907, Method.ASYMPTOTIC);
    }

    /** The exact null distribution is symmetric and, for larger samples, close to the continuity-corrected normal. */
    @Test
    void exactDistributionInvariants() {
        assertEquals(1, MannWhitney.exactSurvival(0, 4, 7), 0);
        for (int k = 0; k <= 28; k++) {
            double pmf = MannWhitney.exactSurvival(k, 4, 7) - MannWhitney.exactSurvival(k + 1, 4, 7);
            double mirrored = MannWhitney.exactSurvival(28 - k, 4, 7) - MannWhitney.exactSurvival(29 - k, 4, 7);
            assertEquals(pmf, mirrored, 1e-15, "symmetric at " + k);
        }
        for (int k : new int[] {200, 240, 260}) {
            assertEquals(MannWhitney.normalSurvival(k, 8, 50, 0), MannWhitney.exactSurvival(k, 8, 50), 6e-3);
        }
    }

    @Test
    void rejectsEmptyOrNaN() {
        assertThrows(IllegalArgumentException.class, () -> MannWhitney.test(new double[0], new double[] {1}, Alternative.LESS));
        assertThrows(IllegalArgumentException.class, () -> MannWhitney.test(new double[] {Double.NaN}, new double[] {1}, Alternative.LESS));
    }

    private static double normalSf(double z) {
        return 0.5 * org.apache.commons.math3.special.Erf.erfc(z / Math.sqrt(2));
    }
}
