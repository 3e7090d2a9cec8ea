package vlmscope.analysis;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Principal components of a small sample set [n, d] with population variances. When d ≤ n the d×d covariance is
 * diagonalised; otherwise the n×n Gram matrix of the centred rows (the "Gram trick": its eigenvectors w give the
 * components {@code Xcᵀw / ‖Xcᵀw‖} with the same non-zero eigenvalues), so d = 4096 with a few dozen points stays
 * cheap. Both use cyclic Jacobi rotations on a symmetric matrix.
 */
public final class Pca {

    private final double[] mean;          // [d]
    private final double[][] components;  // [k, d] unit rows, by decreasing variance
    private final double[] variances;     // [k] population variance along each component
    private final double totalVariance;

    private Pca(double[] mean, double[][] components, double[] variances, double totalVariance) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
        this.totalVariance = totalVariance;
    }

    /** PCA of {@code samples} [n, d], n ≥ 1; keeps k = min(n, d) components. */
    public static Pca fit(double[][] samples) {
        int n = samples.length, d = samples[0].length;
        double[] mean = Vectors.mean(samples);
        double[][] xc = Vectors.centred(samples); // [n, d]
        double total = Vectors.totalVariance(samples);
        if (d <= n) {
            double[][] cov = new double[d][d]; // [d, d]
            for (double[] r : xc)
                for (int i = 0; i < d; i++)
                    for (int j = i; j < d; j++) cov[i][j] += r[i] * r[j] / n;
            for (int i = 0; i < d; i++) for (int j = 0; j < i; j++) cov[i][j] = cov[j][i];
            Eigen e = jacobi(cov);
            double[][] comps = new double[d][];
            for (int c = 0; c < d; c++) comps[c] = column(e.vectors, e.order[c]);
            double[] vars = Arrays.stream(e.order).mapToDouble(i -> Math.max(0, e.values[i])).toArray();
            return new Pca(mean, comps, vars, total);
        }
        double[][] gram = new double[n][n]; // [n, n]
        for (int i = 0; i < n; i++) for (int j = i; j < n; j++) gram[i][j] = gram[j][i] = Vectors.dot(xc[i], xc[j]);
        Eigen e = jacobi(gram);
        double[][] comps = new double[n][];
        double[] vars = new double[n];
        for (int c = 0; c < n; c++) {
            int idx = e.order[c];
            double[] w = column(e.vectors, idx);
            double[] comp = new double[d];
            for (int i = 0; i < n; i++) Vectors.addScaled(comp, xc[i], w[i]);
            double len = Vectors.norm(comp);
            comps[c] = len > 1e-300 ? Vectors.scale(comp, 1.0 / len) : comp;
            vars[c] = len > 1e-300 ? Math.max(0, e.values[idx]) / n : 0;
        }
        return new Pca(mean, comps, vars, total);
    }

    public double[] mean() {
        return mean.clone();
    }

    /** Component {@code i} (unit length, sign arbitrary) [d]. */
    public double[] component(int i) {
        return components[i].clone();
    }

    /** Number of components kept. */
    public int size() {
        return components.length;
    }

    /** Variances along the components, decreasing [k]. */
    public double[] variances() {
        return variances.clone();
    }

    public double totalVariance() {
        return totalVariance;
    }

    /** Share of the total variance in the first {@code k} components (NaN for a constant sample). */
    public double explainedRatio(int k) {
        if (!(totalVariance > 0)) return Double.NaN;
        double s = 0;
        for (int i = 0; i < Math.min(k, variances.length); i++) s += variances[i];
        return s / totalVariance;
    }

    /** Coordinates of {@code x} [d] on the first {@code k} components, after subtracting the mean → [k]. */
    public double[] project(double[] x, int k) {
        double[] c = Vectors.sub(x, mean);
        double[] out = new double[k];
        for (int i = 0; i < k; i++) out[i] = Vectors.dot(c, components[i]);
        return out;
    }

    private record Eigen(double[] values, double[][] vectors, int[] order) {
    }

    /** Cyclic Jacobi on a symmetric matrix a [n, n] (copied): eigenvalues, eigenvectors as columns, decreasing order. */
    private static Eigen jacobi(double[][] input) {
        int n = input.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) a[i] = input[i].clone();
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) v[i][i] = 1;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0, diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) off += a[i][j] * a[i][j];
            }
            if (off <= 1e-30 * Math.max(diag, Double.MIN_NORMAL)) break;
            for (int p = 0; p < n; p++)
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] == 0) continue;
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p], akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k], aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p], vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = a[i][i];
        int[] order = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -values[i])).mapToInt(Integer::intValue).toArray();
        return new Eigen(values, v, order);
    }

    private static double[] column(double[][] m, int c) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) out[i] = m[i][c];
        return out;
    }
}
