package vlmscope.verify;

/**
 * Sum, sum of squares, min, max and row / column sums of a row-major [rows, cols] block of floats: the statistics
 * the pixel fixtures record.
 *
 * @param rowSums [rows]
 * @param colSums [cols]
 */
record MatrixStats(double sum, double sumSq, double min, double max, double[] rowSums, double[] colSums) {

    /** @param values holds the block at {@code offset}, row-major [rows, cols] */
    static MatrixStats of(float[] values, int offset, int rows, int cols) {
        double sum = 0, sumSq = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        double[] rowSums = new double[rows];
        double[] colSums = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                double v = values[offset + r * cols + k];
                sum += v;
                sumSq += v * v;
                min = Math.min(min, v);
                max = Math.max(max, v);
                rowSums[r] += v;
                colSums[k] += v;
            }
        }
        return new MatrixStats(sum, sumSq, min, max, rowSums, colSums);
    }
}
