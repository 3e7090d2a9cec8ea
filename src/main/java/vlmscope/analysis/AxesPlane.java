package vlmscope.analysis;

/**
 * The plane spanned by a horizontal and a vertical axis vector, with the orthonormal basis of docs/paper-mapping.md#ids
 * (Gram–Schmidt in the paper's order): {@code u = x/‖x‖}, {@code v = normalize(y − (y·u)u)}. Points project to raw
 * (uncentred) coordinates {@code (e·u, e·v)}; the explained variance of a point set is
 * {@code (Var(c1) + Var(c2)) / Σ_j Var(E[:, j])} with population variances: the share of the set's total variance
 * that its 2-D projection keeps.
 */
public final class AxesPlane {

    private final double[] u, v; // [d] each, orthonormal

    private AxesPlane(double[] u, double[] v) {
        this.u = u;
        this.v = v;
    }

    /** The plane of {@code x} and {@code y} [d]; an error when they are (numerically) parallel or zero. */
    public static AxesPlane of(double[] x, double[] y) {
        double[] u = Vectors.normalize(x);
        double[] rest = Vectors.sub(y, Vectors.scale(u, Vectors.dot(y, u)));
        if (Vectors.norm(rest) <= 1e-12 * Math.max(Vectors.norm(y), Double.MIN_NORMAL))
            throw new IllegalArgumentException("the two axes are parallel: they span no plane");
        return new AxesPlane(u, Vectors.normalize(rest));
    }

    /** Unit vector along the first axis [d]. */
    public double[] u() {
        return u.clone();
    }

    /** Unit vector in the plane, orthogonal to {@link #u()} [d]. */
    public double[] v() {
        return v.clone();
    }

    /** Raw coordinates {@code (e·u, e·v)} of one vector [d] → [2]. */
    public double[] project(double[] e) {
        return new double[] {Vectors.dot(e, u), Vectors.dot(e, v)};
    }

    /** Coordinates of every row [n, d] → [n, 2]. */
    public double[][] project(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) out[i] = project(rows[i]);
        return out;
    }

    /** The in-plane component {@code (e·u)u + (e·v)v} of {@code e} [d]. */
    public double[] reconstruct(double[] e) {
        double[] c = project(e);
        double[] out = Vectors.scale(u, c[0]);
        Vectors.addScaled(out, v, c[1]);
        return out;
    }

    /** Variance of the rows' 2-D projection over their total variance (1 when all variance lies in the plane). */
    public double explainedVariance(double[][] rows) {
        double total = Vectors.totalVariance(rows);
        if (!(total > 0)) return Double.NaN;
        double[][] c = project(rows);
        double[] c1 = new double[c.length], c2 = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            c1[i] = c[i][0];
            c2[i] = c[i][1];
        }
        return (Vectors.variance(c1) + Vectors.variance(c2)) / total;
    }
}
