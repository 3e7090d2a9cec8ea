package vlmscope.analysis;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Axes of a synthetic linear ID field ID(x, y) = x·u + y·v + c (d = 16, no noise) are recovered exactly. */
class GridAxesTest {

    private static final int D = 16, M = 4;

    private static double[] gaussian(SplittableRandom r) {
        double[] out = new double[D];
        for (int i = 0; i < D; i++) out[i] = r.nextGaussian();
        return out;
    }

    /** grid[x][y] = x·u + y·v + c. */
    private static double[][][] linearField(double[] u, double[] v, double[] c) {
        double[][][] grid = new double[M][M][];
        for (int x = 0; x < M; x++)
            for (int y = 0; y < M; y++) {
                double[] e = c.clone();
                Vectors.addScaled(e, u, x);
                Vectors.addScaled(e, v, y);
                grid[x][y] = e;
            }
        return grid;
    }

    private static void assertVector(double[] expected, double[] actual, double tol) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], tol, "coordinate " + i);
    }

    @Test
    void paperFormIsTenNinthsOfTheStepAndStrictFormIsTheStep() {
        SplittableRandom r = new SplittableRandom(7);
        double[] u = gaussian(r), v = gaussian(r), c = gaussian(r);
        double[][][] grid = linearField(u, v, c);
        // Hand derivation for m = 4: Σ_y Σ_{x1<=2} Σ_{x2>=x1} (x2 − x1) = 4·(6 + 3 + 1) = 40 over 36 terms.
        GridAxes.Axes paper = GridAxes.paper(grid);
        assertVector(Vectors.scale(u, 40.0 / 36.0), paper.x(), 1e-12);
        assertVector(Vectors.scale(v, 40.0 / 36.0), paper.y(), 1e-12);
        GridAxes.Axes strict = GridAxes.strict(grid);
        assertVector(u, strict.x(), 1e-12);
        assertVector(v, strict.y(), 1e-12);
    }

    @Test
    void planeOfRecoveredAxesExplainsAllVarianceOfTheField() {
        SplittableRandom r = new SplittableRandom(11);
        double[] u = gaussian(r), v = gaussian(r), c = gaussian(r);
        double[][][] grid = linearField(u, v, c);
        double[][] points = new double[M * M][];
        for (int x = 0; x < M; x++) for (int y = 0; y < M; y++) points[x * M + y] = grid[x][y];
        for (GridAxes.Axes axes : new GridAxes.Axes[] {GridAxes.paper(grid), GridAxes.strict(grid)}) {
            AxesPlane plane = AxesPlane.of(axes.x(), axes.y());
            assertEquals(1.0, plane.explainedVariance(points), 1e-9);
            assertEquals(1.0, Math.abs(Vectors.cosine(plane.u(), u)), 1e-12, "u axis ∝ u");
            // v is u's Gram–Schmidt complement of the y axis: it lies in span{u, v} and is orthogonal to u.
            double[] inSpan = Vectors.sub(plane.v(), AxesPlane.of(u, v).reconstruct(plane.v()));
            assertEquals(0.0, Vectors.norm(inSpan), 1e-12);
        }
    }

    @Test
    void generalGridSizeUsesItsOwnTermCount() {
        // m = 2: one strict pair per row, and the paper form averages {0, a} over 2 rows → a/2.
        double[] a = {1, 2}, b = {-3, 0.5}, c = {0.25, 4};
        double[][][] grid = new double[2][2][];
        for (int x = 0; x < 2; x++)
            for (int y = 0; y < 2; y++) {
                double[] e = c.clone();
                Vectors.addScaled(e, a, x);
                Vectors.addScaled(e, b, y);
                grid[x][y] = e;
            }
        assertVector(Vectors.scale(a, 0.5), GridAxes.paper(grid).x(), 1e-15);
        assertVector(b, GridAxes.strict(grid).y(), 1e-15);
    }
}
