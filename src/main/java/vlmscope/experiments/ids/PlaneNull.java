package vlmscope.experiments.ids;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.analysis.AxesPlane;
import vlmscope.analysis.GridAxes;
import vlmscope.analysis.PermutationNull;


/**
 * The null and the cross-validation that say whether a layer's spatial IDs are linear in position (Fig 5):
 * <ul>
 *   <li><b>permutation null</b> ({@link PermutationNull}): the m² IDs are reassigned to the m² cells at random ({@code permutations} times,
 *       seeded), the paper's axes and their plane refitted, and the plane's explained variance recomputed. The
 *       p-value is (1 + #{null ≥ observed}) / (1 + permutations); the null's mean and 95th percentile are reported.
 *       With few points in many dimensions any two difference vectors already span a sizeable share of the variance,
 *       so the observed share means something only when it beats this null.</li>
 *   <li><b>cross-validated R²</b> of the linear map position → ID, leave one cell out: for each cell, fit
 *       {@code ID = x·a + y·b + c} by least squares on the other m² − 1 cells (x = column, y = row) and predict the
 *       held-out ID; R² = 1 − Σ‖ID − prediction‖² / Σ‖ID − mean ID‖². 1 = every ID predicted exactly from its
 *       position; ≤ 0 = no better than the mean ID.</li>
 * </ul>
 */
public record PlaneNull(double observed, double nullMean, double null95, double pValue, int permutations, long seed,
                        double cvR2) {

    /** The default number of permutations (enough for p down to 0.001). */
    public static final int DEFAULT_PERMUTATIONS = 1000;

    /** Null and cross-validation of the grid {@code [m][m][d]} indexed {@code grid[x][y]}. */
    public static PlaneNull of(double[][][] grid, int permutations, long seed) {
        int m = grid.length, n = m * m;
        double[][] points = new double[n][];   // [m², d], cell k = x·m + y
        for (int x = 0; x < m; x++) for (int y = 0; y < m; y++) points[x * m + y] = grid[x][y];
        PermutationNull test = PermutationNull.of(n, explained(points, m), order -> {
            double[][] shuffled = new double[n][];   // [m², d]
            for (int i = 0; i < n; i++) shuffled[i] = points[order[i]];
            return explained(shuffled, m);
        }, permutations, seed);
        return new PlaneNull(test.observed(), test.nullMean(), test.null95(), test.pValue(), permutations, seed,
                crossValidatedR2(grid));
    }

    /** The paper-axes plane's explained variance of {@code points} [m², d] laid out on the grid cell k = x·m + y. */
    static double explained(double[][] points, int m) {
        double[][][] grid = new double[m][m][];   // [m, m, d]
        for (int x = 0; x < m; x++) for (int y = 0; y < m; y++) grid[x][y] = points[x * m + y];
        GridAxes.Axes axes = GridAxes.paper(grid);
        return AxesPlane.of(axes.x(), axes.y()).explainedVariance(points);
    }

    /** Leave-one-cell-out R² of ID ≈ x·a + y·b + c over the grid {@code [m][m][d]}. */
    static double crossValidatedR2(double[][][] grid) {
        int m = grid.length, d = grid[0][0].length;
        double[] mean = new double[d];
        for (double[][] column : grid) for (double[] id : column) for (int i = 0; i < d; i++) mean[i] += id[i] / (m * m);
        double press = 0, total = 0;
        for (int hx = 0; hx < m; hx++)
            for (int hy = 0; hy < m; hy++) {
                double[][] normal = new double[3][3];   // Σ f fᵀ over the training cells, f = (x, y, 1)
                double[][] moments = new double[3][d];  // Σ f · IDᵀ
                for (int x = 0; x < m; x++)
                    for (int y = 0; y < m; y++) {
                        if (x == hx && y == hy) continue;
                        double[] f = {x, y, 1};
                        for (int a = 0; a < 3; a++) {
                            for (int b = 0; b < 3; b++) normal[a][b] += f[a] * f[b];
                            for (int i = 0; i < d; i++) moments[a][i] += f[a] * grid[x][y][i];
                        }
                    }
                double[][] inverse = invert3(normal);
                double[] f = {hx, hy, 1};
                for (int i = 0; i < d; i++) {
                    double prediction = 0;
                    for (int a = 0; a < 3; a++) {
                        double coefficient = 0;
                        for (int b = 0; b < 3; b++) coefficient += inverse[a][b] * moments[b][i];
                        prediction += f[a] * coefficient;
                    }
                    double actual = grid[hx][hy][i];
                    press += (actual - prediction) * (actual - prediction);
                    total += (actual - mean[i]) * (actual - mean[i]);
                }
            }
        return total > 0 ? 1 - press / total : Double.NaN;
    }

    private static double[][] invert3(double[][] a) {
        double det = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
                - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
        double[][] inv = new double[3][3];
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++) {
                int r1 = (c + 1) % 3, r2 = (c + 2) % 3, c1 = (r + 1) % 3, c2 = (r + 2) % 3;
                inv[r][c] = (a[r1][c1] * a[r2][c2] - a[r1][c2] * a[r2][c1]) / det;
            }
        return inv;
    }

    /** The fields of a plane record. */
    public void into(ObjectNode r) {
        r.put("null_permutations", permutations).put("null_seed", seed);
        put(r, "null_mean", nullMean);
        put(r, "null_p95", null95);
        put(r, "null_p", pValue);
        put(r, "cv_r2", cvR2);
    }

    private static void put(ObjectNode r, String name, double v) {
        if (Double.isFinite(v)) r.put(name, v);
        else r.putNull(name);
    }
}
