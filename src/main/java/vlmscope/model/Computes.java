package vlmscope.model;

import ai.djl.ndarray.NDManager;

/** Picks the {@link Compute} for a precision. */
final class Computes {

    private Computes() {
    }

    static Compute create(Precision precision, NDManager manager) {
        return switch (precision) {
            case FP32 -> new Compute(Precision.FP32);
            case BF16 -> new Bf16Compute(manager);
        };
    }
}
