package vlmscope.report;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * "Nice" tick positions and labels, as matplotlib's MaxNLocator with steps 1, 2, 2.5, 5, 10: the smallest such step
 * (times a power of ten) that fits the range in at most {@code maxBins} intervals; ticks are the step's multiples
 * inside the range.
 */
final class Ticks {

    private static final double[] STEPS = {1, 2, 2.5, 5, 10};

    private Ticks() {
    }

    /** The tick step for [lo, hi] with at most {@code maxBins} intervals. */
    static double step(double lo, double hi, int maxBins) {
        double span = hi - lo;
        if (!(span > 0)) throw new IllegalArgumentException("empty tick range [" + lo + ", " + hi + "]");
        double raw = span / Math.max(1, maxBins);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double s : STEPS) {
            double step = s * magnitude;
            if (step >= raw * (1 - 1e-9)) return step;
        }
        return 10 * magnitude;
    }

    /** Multiples of {@code step} within [lo, hi] (tolerating rounding at the ends), exact to the step's decimals. */
    static double[] positions(double lo, double hi, double step) {
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        int n = (int) Math.max(0, last - first + 1);
        double[] ticks = new double[n];
        BigDecimal s = BigDecimal.valueOf(step);
        for (int i = 0; i < n; i++) ticks[i] = s.multiply(BigDecimal.valueOf(first + i)).doubleValue();
        return ticks;
    }

    /** Labels with as many decimals as the step needs, a true minus sign and no "−0". */
    static String[] labels(double[] ticks, double step) {
        double largest = 0;
        for (double t : ticks) largest = Math.max(largest, Math.abs(t));
        String[] out = new String[ticks.length];
        boolean scientific = largest >= 1e6 || (step < 1e-4 && largest > 0);
        int decimals = decimals(step);
        for (int i = 0; i < ticks.length; i++) {
            double t = Math.abs(ticks[i]) < step * 1e-9 ? 0 : ticks[i];
            out[i] = scientific ? String.format(Locale.ROOT, "%.2g", t) : String.format(Locale.ROOT, "%." + decimals + "f", t);
            out[i] = out[i].replace('-', '−');
        }
        return out;
    }

    /** Decimals that show every multiple of {@code step} exactly (0.25 → 2, 0.5 → 1, 20 → 0). */
    static int decimals(double step) {
        BigDecimal d = BigDecimal.valueOf(step).stripTrailingZeros();
        return Math.max(0, d.scale());
    }

    /** A compact number for annotations and tables: up to 3 significant digits, true minus sign. */
    static String compact(double v) {
        if (Double.isNaN(v)) return "nan";
        String s;
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) s = String.format(Locale.ROOT, "%.2e", v);
        else if (a >= 100) s = String.format(Locale.ROOT, "%.0f", v);
        else if (a >= 10) s = String.format(Locale.ROOT, "%.1f", v);
        else s = String.format(Locale.ROOT, "%.2f", v);
        if (s.matches("-0\\.?0*")) s = s.substring(1);
        return s.replace('-', '−');
    }
}
