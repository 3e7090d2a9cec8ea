package vlmscope.analysis;

import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

import java.util.Arrays;

/**
 * The Mann–Whitney U test as {@code scipy.stats.mannwhitneyu(x, y, alternative=…, method="auto",
 * use_continuity=True)} computes it (scipy 1.7 and later; checked against 1.17):
 * <ul>
 *   <li>ranks of the pooled sample with ties averaged; {@code U1 = R1 − n1(n1+1)/2} is the reported statistic;</li>
 *   <li>method "auto": exact when either sample has at most 8 values and there are no ties, otherwise the normal
 *       approximation with tie correction {@code σ² = n1·n2/12 · ((n+1) − Σ(t³−t)/(n(n−1)))} and continuity
 *       correction (numerator {@code U − n1·n2/2 − 0.5});</li>
 *   <li>the p-value is the survival function at U1 ("greater"), at U2 ("less"), or twice the survival function at
 *       max(U1, U2) clipped to 1 ("two-sided").</li>
 * </ul>
 * commons-math3's own {@code MannWhitneyUTest} has neither tie nor continuity correction and reports max(U1, U2),
 * so only its ranking and {@code erfc} are used here.
 */
public final class MannWhitney {

    /** Which alternative hypothesis, as scipy names them. */
    public enum Alternative {
        TWO_SIDED, GREATER, LESS
    }

    /** Which way scipy's "auto" chose. */
    public enum Method {
        EXACT, ASYMPTOTIC
    }

    /**
     * @param u      U1, the statistic of the first sample (what scipy returns)
     * @param p      the p-value
     * @param method exact or asymptotic
     */
    public record Result(double u, double p, Method method) {
    }

    private MannWhitney() {
    }

    /** The test of {@code x} against {@code y}; both need at least one value and no NaN. */
    public static Result test(double[] x, double[] y, Alternative alternative) {
        int n1 = x.length, n2 = y.length;
        if (n1 == 0 || n2 == 0) throw new IllegalArgumentException("Mann–Whitney needs two non-empty samples, got " + n1 + " and " + n2);
        double[] pooled = new double[n1 + n2];                       // [n1 + n2]
        System.arraycopy(x, 0, pooled, 0, n1);
        System.arraycopy(y, 0, pooled, n1, n2);
        for (double v : pooled) if (Double.isNaN(v)) throw new IllegalArgumentException("Mann–Whitney input contains NaN");
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(pooled);
        double r1 = 0;
        for (int i = 0; i < n1; i++) r1 += ranks[i];
        double u1 = r1 - n1 * (n1 + 1) / 2.0;
        double u2 = (double) n1 * n2 - u1;
        double u = switch (alternative) {
            case GREATER -> u1;
            case LESS -> u2;
            case TWO_SIDED -> Math.max(u1, u2);
        };
        double factor = alternative == Alternative.TWO_SIDED ? 2 : 1;
        double tieTerm = tieTerm(pooled);
        boolean exact = (n1 <= 8 || n2 <= 8) && tieTerm == 0;
        double sf = exact ? exactSurvival((int) Math.round(u), n1, n2) : normalSurvival(u, n1, n2, tieTerm);
        return new Result(u1, Math.min(1, Math.max(0, factor * sf)), exact ? Method.EXACT : Method.ASYMPTOTIC);
    }

    /** Σ(t³ − t) over groups of tied values; 0 when all values differ. */
    static double tieTerm(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double term = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[i]) j++;
            double t = j - i + 1;
            term += t * t * t - t;
            i = j + 1;
        }
        return term;
    }

    /** P(Z ≥ z) for the standardised U with tie and continuity correction (scipy's {@code _get_mwu_z}). */
    static double normalSurvival(double u, int n1, int n2, double tieTerm) {
        double n = n1 + n2;
        double s = Math.sqrt(n1 * (double) n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1))));
        double z = (u - n1 * (double) n2 / 2 - 0.5) / s;
        return 0.5 * Erf.erfc(z / Math.sqrt(2));
    }

    /**
     * P(U ≥ k) under the null hypothesis without ties. The count of orderings with U = u obeys
     * f(m, n, u) = f(m − 1, n, u − n) + f(m, n − 1, u) (the largest value belongs to x or to y); only additions,
     * so the doubles keep full relative precision.
     */
    static double exactSurvival(int k, int n1, int n2) {
        int m = Math.min(n1, n2), big = Math.max(n1, n2);
        int maxU = m * big;
        if (k <= 0) return 1;
        if (k > maxU) return 0;
        // counts[i][u] = f(i, n, u) for the current n; start at n = 0: f(i, 0, u) = [u == 0]
        double[][] counts = new double[m + 1][maxU + 1];             // [m + 1][m·n + 1]
        for (int i = 0; i <= m; i++) counts[i][0] = 1;
        for (int n = 1; n <= big; n++) {
            // f(i, n, u) = f(i − 1, n, u − n) + f(i, n − 1, u); increasing i uses f(i − 1, n, ·) already updated
            for (int i = 1; i <= m; i++) {
                int top = i * n;
                for (int u = top; u >= n; u--) counts[i][u] += counts[i - 1][u - n];
            }
        }
        double total = 0, tail = 0;
        for (int u = 0; u <= maxU; u++) {
            total += counts[m][u];
            if (u >= k) tail += counts[m][u];
        }
        return tail / total;
    }
}
