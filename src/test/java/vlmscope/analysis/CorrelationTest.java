package vlmscope.analysis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorrelationTest {

    /**
     * x = 1..4, y = (1, 3, 2, 4): deviations (−1.5, −0.5, 0.5, 1.5) and (−1.5, 0.5, −0.5, 1.5), Σdxdy = 4, Σdx² = Σdy² = 5,
     * r = 0.8. With 2 degrees of freedom P(|T| ≥ t) = 1 − t/√(t² + 2), and t² = 2r²/(1 − r²) makes that 1 − |r| = 0.2.
     * The ranks are the values, so ρ = r.
     */
    @Test
    void fourPointsClosedFormP() {
        Correlation c = Correlation.of(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4});
        assertEquals(0.8, c.pearson(), 1e-12);
        assertEquals(0.8 * Math.sqrt(2 / 0.36), c.t(), 1e-12);
        assertEquals(0.2, c.p(), 1e-9);
        assertEquals(0.8, c.spearman(), 1e-12);
    }

    /** Three points, 1 degree of freedom (Cauchy): p = 1 − 2·asin(|r|)/π; r = 0.5 gives 2/3. A negative r keeps p. */
    @Test
    void threePointsCauchyP() {
        Correlation c = Correlation.of(new double[] {1, 2, 3}, new double[] {1, 3, 2});
        assertEquals(0.5, c.pearson(), 1e-12);
        assertEquals(2 / 3.0, c.p(), 1e-9);
        Correlation negative = Correlation.of(new double[] {1, 2, 3}, new double[] {2, 3, 1});
        assertEquals(-0.5, negative.pearson(), 1e-12);
        assertEquals(2 / 3.0, negative.p(), 1e-9);
    }

    /** A monotone but curved relation: ρ = 1 while r < 1; Spearman ties get mean ranks. */
    @Test
    void spearmanUsesRanks() {
        Correlation c = Correlation.of(new double[] {1, 2, 3, 4, 5}, new double[] {1, 4, 9, 16, 25});
        assertEquals(1.0, c.spearman(), 1e-12);
        assertTrue(c.pearson() < 0.99 && c.pearson() > 0.95, "r " + c.pearson());
        Correlation tied = Correlation.of(new double[] {1, 2, 3, 4}, new double[] {7, 7, 8, 9});
        // y's ranks (1.5, 1.5, 3, 4), deviations (−1, −1, 0.5, 1.5) against x's (−1.5, −0.5, 0.5, 1.5):
        // Σ products 1.5 + 0.5 + 0.25 + 2.25 = 4.5, Σ squares 5 and 4.5
        assertEquals(4.5 / Math.sqrt(5 * 4.5), tied.spearman(), 1e-12);
    }

    @Test
    void tooFewPointsOrConstantGiveNaN() {
        assertTrue(Double.isNaN(Correlation.of(new double[] {1, 2}, new double[] {1, 2}).p()));
        assertTrue(Double.isNaN(Correlation.of(new double[] {1, 1, 1}, new double[] {1, 2, 3}).pearson()));
    }

    @Test
    void perfectLineHasPZero() {
        Correlation c = Correlation.of(new double[] {1, 2, 3, 4}, new double[] {-2, -4, -6, -8});
        assertEquals(-1.0, c.pearson(), 0);
        assertEquals(0.0, c.p(), 0);
    }
}
