package vlmscope.model;

import ai.djl.ndarray.NDArray;
import vlmscope.VlmscopeException;

/** The activation functions HF configs name ({@code hidden_act}, {@code projector_hidden_act}). */
public enum Activation {
    /** x * sigmoid(1.702 x), CLIP's default. */
    QUICK_GELU,
    /** Exact erf GELU (torch default, HF "gelu"). */
    GELU,
    /** x * sigmoid(x), Llama's MLP gate. */
    SILU;

    public static Activation of(String name, ConfigReader source) {
        return switch (name) {
            case "quick_gelu" -> QUICK_GELU;
            case "gelu" -> GELU;
            case "silu", "swish" -> SILU;
            default -> throw VlmscopeException.badInput(source.file(), "activation '" + name
                    + "' is not supported (supported: quick_gelu, gelu, silu)", "use a checkpoint with a supported activation");
        };
    }

    public static Activation of(String name) {
        return switch (name) {
            case "quick_gelu" -> QUICK_GELU;
            case "gelu" -> GELU;
            case "silu", "swish" -> SILU;
            default -> throw new IllegalArgumentException("unsupported activation " + name);
        };
    }

    NDArray apply(NDArray x) {
        return switch (this) {
            case QUICK_GELU -> x.mul(ai.djl.nn.Activation.sigmoid(x.mul(1.702f)));
            case GELU -> ai.djl.nn.Activation.gelu(x);
            case SILU -> x.mul(ai.djl.nn.Activation.sigmoid(x));
        };
    }
}
