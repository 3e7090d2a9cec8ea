package vlmscope.analysis;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Pearson's r with its exact two-sided p-value, and Spearman's ρ, over n paired values (as
 * {@code scipy.stats.pearsonr} / {@code spearmanr}'s statistics):
 * <ul>
 *   <li>r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²);</li>
 *   <li>p: under the null of no correlation (bivariate normal), t = r √((n − 2) / (1 − r²)) follows Student's t with
 *       n − 2 degrees of freedom; p = 2·P(T ≥ |t|), from the exact t distribution (regularised incomplete beta);</li>
 *   <li>ρ: Pearson's r of the ranks, ties given their mean rank.</li>
 * </ul>
 * Fewer than 3 points, or a constant variable, give NaN throughout (no correlation is defined).
 *
 * @param n        points
 * @param pearson  Pearson's r
 * @param t        its t statistic
 * @param p        exact two-sided p-value of r (t distribution, n − 2 degrees of freedom)
 * @param spearman Spearman's ρ
 */
public record Correlation(int n, double pearson, double t, double p, double spearman) {

    /** The fewest points a correlation test needs (n − 2 ≥ 1 degree of freedom). */
    public static final int MIN_POINTS = 3;

    public static Correlation of(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        int n = x.length;
        double r = n < MIN_POINTS ? Double.NaN : pearson(x, y);
        if (!Double.isFinite(r)) return new Correlation(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        NaturalRanking ranking = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);
        double rho = pearson(ranking.rank(x), ranking.rank(y));
        if (Math.abs(r) >= 1) return new Correlation(n, Math.signum(r), Math.copySign(Double.POSITIVE_INFINITY, r), 0, rho);
        double t = r * Math.sqrt((n - 2) / (1 - r * r));
        double p = 2 * new TDistribution(null, n - 2).cumulativeProbability(-Math.abs(t));
        return new Correlation(n, r, t, p, rho);
    }

    private static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
    }
}
