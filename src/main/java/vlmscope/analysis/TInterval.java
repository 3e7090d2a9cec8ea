package vlmscope.analysis;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The t confidence interval of a mean over n values: mean ± t₍₁₋α/₂, n−1₎ · s / √n, with s the sample standard
 * deviation (n − 1) and t the exact Student-t quantile. Fewer than 2 values give NaN bounds.
 *
 * @param n     values
 * @param mean  their mean
 * @param std   sample standard deviation (n − 1)
 * @param level confidence level, e.g. 0.95
 * @param low   lower bound
 * @param high  upper bound
 */
public record TInterval(int n, double mean, double std, double level, double low, double high) {

    public static TInterval of(double[] values, double level) {
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must lie in (0, 1), got " + level);
        int n = values.length;
        double mean = 0;
        for (double v : values) mean += v / n;
        if (n < 2) return new TInterval(n, n == 0 ? Double.NaN : mean, Double.NaN, level, Double.NaN, Double.NaN);
        double ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        double std = Math.sqrt(ss / (n - 1));
        double half = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - level) / 2) * std / Math.sqrt(n);
        return new TInterval(n, mean, std, level, mean - half, mean + half);
    }
}
