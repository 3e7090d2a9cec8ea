package vlmscope.experiments.diagnosis;

import java.util.List;

/** Mean and sample standard deviation (ddof = 1, as torch.std in the paper's Fig 7). */
record Stats(int n, double mean, double std) {

    static Stats of(List<Double> values) {
        int n = values.size();
        if (n == 0) return new Stats(0, Double.NaN, Double.NaN);
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
        double ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        return new Stats(n, mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN);
    }
}
