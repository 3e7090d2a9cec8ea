package vlmscope.model;

/** Picks the {@link Compute} for a precision. */
final class Computes {

    private Computes() {
    }

    static Compute create(Precision precision) {
        return switch (precision) {
            case FP32 -> new Compute(Precision.FP32);
            case BF16 -> new Bf16Compute();
        };
    }
}
