package vlmscope.model;

/** Picks the {@link Compute} for a precision. */
public final class Computes {

    private Computes() {
    }

    public static Compute create(Precision precision) {
        return switch (precision) {
            case FP32 -> new Compute(Precision.FP32);
            case BF16 -> new Bf16Compute();
        };
    }
}
