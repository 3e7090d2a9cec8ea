package vlmscope.analysis;

/**
 * The paper's belief shift (docs/paper-mapping.md#swap), per answer token t:
 * {@code (c[t] - p[t]) / (c[t] - i[t])} with c, i, p the log-probabilities of the clean, counterfactual and patched
 * runs at the last prompt position. 1 = the patch moved t's log-prob as far as the whole counterfactual input did,
 * 0 = no effect. Undefined (NaN) when the counterfactual does not move t (|c - i| below {@code minDenominator}).
 */
public final class BeliefShift {

    /** Below this |c - i| the shift is reported as NaN instead of an arbitrary huge ratio. */
    public static final double MIN_DENOMINATOR = 1e-6;

    private BeliefShift() {
    }

    public static double of(double clean, double counterfactual, double patched) {
        double denominator = clean - counterfactual;
        if (Math.abs(denominator) < MIN_DENOMINATOR) return Double.NaN;
        return (clean - patched) / denominator;
    }

    /** The paper's aggregation (fig4.ipynb): NaN and ±inf become 0 before averaging. */
    public static double paperCompatValue(double shift) {
        return Double.isFinite(shift) ? shift : 0.0;
    }
}
