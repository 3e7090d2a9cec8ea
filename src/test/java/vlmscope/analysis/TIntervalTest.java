package vlmscope.analysis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TIntervalTest {

    /**
     * {1, 2, 3}: mean 2, s = 1. With 2 degrees of freedom the 0.975 quantile q solves q/√(q² + 2) = 0.95, so
     * q = √(2·0.9025/0.0975) = 4.30265…; the half-width is q/√3.
     */
    @Test
    void threeValuesClosedFormQuantile() {
        TInterval ci = TInterval.of(new double[] {1, 2, 3}, 0.95);
        double q = Math.sqrt(2 * 0.9025 / 0.0975);
        assertEquals(2, ci.mean(), 1e-12);
        assertEquals(1, ci.std(), 1e-12);
        assertEquals(2 - q / Math.sqrt(3), ci.low(), 1e-9);
        assertEquals(2 + q / Math.sqrt(3), ci.high(), 1e-9);
    }

    /** Two values, 1 degree of freedom (Cauchy): the 0.975 quantile is tan(0.475π) = 12.7062…; s = |a − b|/√2. */
    @Test
    void twoValuesCauchyQuantile() {
        TInterval ci = TInterval.of(new double[] {0.1, 0.3}, 0.95);
        double half = Math.tan(0.475 * Math.PI) * (0.2 / Math.sqrt(2)) / Math.sqrt(2);
        assertEquals(0.2 - half, ci.low(), 1e-9);
        assertEquals(0.2 + half, ci.high(), 1e-9);
    }

    @Test
    void oneValueHasNoInterval() {
        TInterval ci = TInterval.of(new double[] {0.4}, 0.95);
        assertEquals(0.4, ci.mean(), 0);
        assertTrue(Double.isNaN(ci.low()) && Double.isNaN(ci.high()));
    }
}
