package vlmscope.experiments.steer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The arithmetic of Fig 2 and Fig 9 (docs/paper-mapping.md#steer-adversarial), on plain numbers. */
public final class SwapStatistics {

    private SwapStatistics() {
    }

    /**
     * "% belief swapped": over pairs (o, n) of baseline and steered margins lp(pos) − lp(neg) at the first answer
     * step, the fraction with n/o &lt; 0 among those with o ≠ 0 and n ≠ 0. NaN when none is counted.
     */
    public static double swapRatio(double[] baselineMargins, double[] steeredMargins) {
        if (baselineMargins.length != steeredMargins.length) throw new IllegalArgumentException("margin counts differ");
        int counted = 0, swapped = 0;
        for (int i = 0; i < baselineMargins.length; i++) {
            double o = baselineMargins[i], n = steeredMargins[i];
            if (o == 0 || n == 0 || Double.isNaN(o) || Double.isNaN(n)) continue;
            counted++;
            if (n / o < 0) swapped++;
        }
        return counted == 0 ? Double.NaN : (double) swapped / counted;
    }

    /**
     * The {@code k} layers with the highest value among those present in {@code byLayer} and in every map of
     * {@code alsoIn} (ties: lower layer first; NaN values never rank).
     */
    @SafeVarargs
    public static List<Integer> topLayers(Map<Integer, Double> byLayer, int k, Map<Integer, Double>... alsoIn) {
        List<Integer> layers = new ArrayList<>();
        for (Map.Entry<Integer, Double> e : byLayer.entrySet()) {
            if (e.getValue() == null || Double.isNaN(e.getValue())) continue;
            boolean everywhere = true;
            for (Map<Integer, Double> other : alsoIn) everywhere &= other.containsKey(e.getKey());
            if (everywhere) layers.add(e.getKey());
        }
        layers.sort(Comparator.<Integer, Double>comparing(byLayer::get).reversed().thenComparing(Comparator.naturalOrder()));
        return List.copyOf(layers.subList(0, Math.min(k, layers.size())));
    }

    /** Values of {@code byLayer} at {@code layers} (NaN where absent). */
    public static double[] at(Map<Integer, Double> byLayer, List<Integer> layers) {
        return layers.stream().mapToDouble(l -> byLayer.getOrDefault(l, Double.NaN)).toArray();
    }

    public static double mean(double[] v) {
        if (v.length == 0) return Double.NaN;
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    /** Population standard deviation (numpy's default, ddof = 0). */
    public static double populationStd(double[] v) {
        return std(v, 0);
    }

    /** Sample standard deviation (torch.std's default, ddof = 1); NaN for fewer than 2 values. */
    public static double sampleStd(double[] v) {
        return v.length < 2 ? Double.NaN : std(v, 1);
    }

    private static double std(double[] v, int ddof) {
        if (v.length == 0) return Double.NaN;
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - ddof));
    }
}
