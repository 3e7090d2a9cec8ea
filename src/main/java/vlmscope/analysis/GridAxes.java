package vlmscope.analysis;

/**
 * Horizontal and vertical axis vectors of an m×m grid of IDs {@code U(x, y)} (x = column, left→right; y = row,
 * top→bottom), in two forms:
 * <ul>
 *   <li>{@link #paper}: the paper's {@code compute_axes} (docs/paper-mapping.md#ids) for any m —
 *       {@code X = (1/K) Σ_y Σ_{x1=0}^{m−2} Σ_{x2=x1}^{m−1} [U(x2, y) − U(x1, y)]} with K the number of terms
 *       ({@code m · Σ_{x1=0}^{m−2} (m − x1)}, 36 for m = 4, zero differences x2 = x1 included as in the code);
 *       Y likewise over rows. For a linear field {@code U = x·a + y·b + c} and m = 4 this is {@code X = (10/9)·a}.</li>
 *   <li>{@link #strict}: the mean over the pairs of cells that differ only in x (or y) by one step,
 *       {@code X = (1/(m(m−1))) Σ_y Σ_{x=0}^{m−2} [U(x+1, y) − U(x, y)]}; equal to {@code a} for a linear field.</li>
 * </ul>
 * +X points right, +Y points down the image.
 */
public final class GridAxes {

    /** The two axis vectors, each [d]. */
    public record Axes(double[] x, double[] y) {
    }

    private GridAxes() {
    }

    /** The paper's 1/36-form axes of {@code grid} [m][m][d] indexed {@code grid[x][y]}. */
    public static Axes paper(double[][][] grid) {
        int m = side(grid), d = grid[0][0].length;
        double[] x = new double[d], y = new double[d];
        int terms = 0;
        for (int fixed = 0; fixed < m; fixed++)
            for (int i1 = 0; i1 < m - 1; i1++)
                for (int i2 = i1; i2 < m; i2++) {
                    Vectors.addScaled(x, Vectors.sub(grid[i2][fixed], grid[i1][fixed]), 1.0);
                    Vectors.addScaled(y, Vectors.sub(grid[fixed][i2], grid[fixed][i1]), 1.0);
                    terms++;
                }
        return new Axes(Vectors.scale(x, 1.0 / terms), Vectors.scale(y, 1.0 / terms));
    }

    /** The strict-pair axes of {@code grid} [m][m][d]: mean one-step difference along x (and y). */
    public static Axes strict(double[][][] grid) {
        int m = side(grid), d = grid[0][0].length;
        double[] x = new double[d], y = new double[d];
        for (int fixed = 0; fixed < m; fixed++)
            for (int i = 0; i < m - 1; i++) {
                Vectors.addScaled(x, Vectors.sub(grid[i + 1][fixed], grid[i][fixed]), 1.0);
                Vectors.addScaled(y, Vectors.sub(grid[fixed][i + 1], grid[fixed][i]), 1.0);
            }
        double n = (double) m * (m - 1);
        return new Axes(Vectors.scale(x, 1.0 / n), Vectors.scale(y, 1.0 / n));
    }

    private static int side(double[][][] grid) {
        int m = grid.length;
        if (m < 2) throw new IllegalArgumentException("a grid needs at least 2×2 cells, got " + m);
        for (double[][] column : grid)
            if (column.length != m) throw new IllegalArgumentException("grid is not square: " + m + " columns, a column of " + column.length);
        return m;
    }
}
