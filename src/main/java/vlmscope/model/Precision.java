package vlmscope.model;

import vlmscope.VlmscopeException;

/** Compute precision of a loaded model. FP32 is the parity path; BF16 is the fast path for large models. */
public enum Precision {
    FP32, BF16;

    public static Precision parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "fp32", "float32", "f32" -> FP32;
            case "bf16", "bfloat16" -> BF16;
            default -> throw new VlmscopeException("unknown dtype '" + s + "'. Fix: use fp32 or bf16");
        };
    }
}
