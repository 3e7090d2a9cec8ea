package vlmscope.experiments.ids;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Fig 5 null and cross-validation on closed-form grids. */
class PlaneNullTest {

    @Test
    void leaveOneOutOfTheProductFieldByHand() {
        // f(x, y) = x·y on 2×2: every held-out cell is predicted with error 1 (e.g. hold (0,0): the plane through
        // (1,0)=0, (0,1)=0, (1,1)=1 is x + y − 1, predicting −1); PRESS 4; mean 0.25, TSS 3·0.0625 + 0.5625 = 0.75
        double[][][] grid = {{{0}, {0}}, {{0}, {1}}};
        assertEquals(1 - 4 / 0.75, PlaneNull.crossValidatedR2(grid), 1e-12);
    }

    @Test
    void linearFieldIsPredictedExactly() {
        double[][][] grid = field(4, 1.0, 0.0);
        assertEquals(1.0, PlaneNull.crossValidatedR2(grid), 1e-12);
    }

    @Test
    void aLinearFieldWithCellNoiseBeatsTheShuffledLabels() {
        PlaneNull fit = PlaneNull.of(field(4, 3.0, 0.5), 200, 7);
        assertTrue(fit.pValue() <= 1.0 / 201 + 1e-12, "no shuffle reaches the observed share: p = " + fit.pValue());
        assertTrue(fit.null95() < fit.observed(), fit.toString());
        assertTrue(fit.cvR2() > 0.8, fit.toString());
        assertEquals(PlaneNull.explained(points(field(4, 3.0, 0.5)), 4), fit.observed(), 1e-12);
        // the same seed gives the same null
        assertEquals(fit, PlaneNull.of(field(4, 3.0, 0.5), 200, 7));
    }

    @Test
    void cellNoiseAloneIsNotPredictedFromPosition() {
        PlaneNull fit = PlaneNull.of(field(4, 0.0, 0.5), 200, 7);
        assertTrue(fit.cvR2() < 0, fit.toString());
    }

    /** grid[x][y] = (scale·x, scale·y, noise · one-hot(cell)) in d = 2 + m². */
    private static double[][][] field(int m, double scale, double noise) {
        double[][][] g = new double[m][m][2 + m * m];
        for (int x = 0; x < m; x++)
            for (int y = 0; y < m; y++) {
                g[x][y][0] = scale * x;
                g[x][y][1] = scale * y + 0.25 * scale * x;   // axes not orthogonal
                g[x][y][2 + x * m + y] = noise;
            }
        return g;
    }

    private static double[][] points(double[][][] g) {
        int m = g.length;
        double[][] p = new double[m * m][];
        for (int x = 0; x < m; x++) for (int y = 0; y < m; y++) p[x * m + y] = g[x][y];
        return p;
    }
}
