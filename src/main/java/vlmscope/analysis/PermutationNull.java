package vlmscope.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * A one-sided permutation test: {@code permutations} random orders of n labels (Fisher–Yates from a seeded
 * {@link SplittableRandom}, each order drawn afresh from the identity), the statistic recomputed on each, and
 * p = (1 + #{null ≥ observed}) / (1 + permutations). The null's mean and 95th percentile are reported beside it.
 * The statistic receives the order: position i takes the label (or point) of index {@code order[i]}.
 *
 * @param observed     the statistic on the true labels
 * @param nullMean     mean of the permuted statistics
 * @param null95       their 95th percentile (the ⌈0.95·permutations⌉-th smallest)
 * @param pValue       the permutation p-value
 * @param permutations how many orders were drawn
 * @param seed         the seed of the draws
 */
public record PermutationNull(double observed, double nullMean, double null95, double pValue, int permutations, long seed) {

    public static PermutationNull of(int n, double observed, ToDoubleFunction<int[]> statistic, int permutations, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] nulls = new double[permutations];
        int atLeast = 0;
        int[] order = new int[n];
        for (int p = 0; p < permutations; p++) {
            for (int i = 0; i < n; i++) order[i] = i;
            for (int i = n - 1; i > 0; i--) {   // Fisher–Yates
                int j = random.nextInt(i + 1), t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            nulls[p] = statistic.applyAsDouble(order);
            if (nulls[p] >= observed) atLeast++;
        }
        double[] sorted = nulls.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(nulls).average().orElse(Double.NaN);
        double p95 = permutations == 0 ? Double.NaN : sorted[Math.min(permutations - 1, (int) Math.ceil(0.95 * permutations) - 1)];
        return new PermutationNull(observed, mean, p95, (1.0 + atLeast) / (1.0 + permutations), permutations, seed);
    }
}
