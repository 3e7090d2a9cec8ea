package vlmscope.bench;

import vlmscope.tensor.DType;
import vlmscope.tensor.SafetensorsWriter;

import java.nio.file.Path;

/**
 * The tensors of a random-initialised benchmark checkpoint, streamed into one safetensors file (F32 or BF16):
 * linear weights uniform with std 1/sqrt(fan_in), biases 0, norm weights 1. Each random tensor draws from its own
 * counter-based stream, numbered from the seed in the order the random tensors are added, so the order of the calls
 * fixes the values.
 */
final class RandomTensors {

    private final SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "pt");
    private final DType dtype;
    private long stream;

    RandomTensors(DType dtype, long seed) {
        this.dtype = dtype;
        this.stream = seed;
    }

    /** Uniform values with standard deviation {@code std}, from the next stream. */
    void uniform(String name, double std, long... shape) {
        writer.addGenerated(name, dtype, uniformValues(stream++, std), shape);
    }

    /** A weight [out, in, ...] with std 1/sqrt(fan_in), fan_in = everything after the first axis. */
    void linear(String name, long... shape) {
        long fanIn = 1;
        for (int i = 1; i < shape.length; i++) fanIn *= shape[i];
        uniform(name, 1.0 / Math.sqrt(fanIn), shape);
    }

    /** {@code prefix.weight} [out, in] as {@link #linear} and a zero {@code prefix.bias} [out]. */
    void linearWithBias(String prefix, long out, long in) {
        linear(prefix + ".weight", out, in);
        zeros(prefix + ".bias", out);
    }

    /**
     * One Llama / Qwen2 decoder layer under {@code prefix} (HF names): both RMSNorms, q/k/v (with zero biases when
     * {@code qkvBias}), o and the gated MLP; d is the width, kv the key/value width, inter the MLP width.
     */
    void decoderLayer(String prefix, long d, long kv, long inter, boolean qkvBias) {
        ones(prefix + "input_layernorm.weight", d);
        ones(prefix + "post_attention_layernorm.weight", d);
        String[] qkv = {"q_proj", "k_proj", "v_proj"};
        long[] widths = {d, kv, kv};
        for (int i = 0; i < qkv.length; i++) {
            String name = prefix + "self_attn." + qkv[i];
            if (qkvBias) linearWithBias(name, widths[i], d);
            else linear(name + ".weight", widths[i], d);
        }
        linear(prefix + "self_attn.o_proj.weight", d, d);
        linear(prefix + "mlp.gate_proj.weight", inter, d);
        linear(prefix + "mlp.up_proj.weight", inter, d);
        linear(prefix + "mlp.down_proj.weight", d, inter);
    }

    void ones(String name, long... shape) {
        writer.addGenerated(name, dtype, i -> 1f, shape);
    }

    void zeros(String name, long... shape) {
        writer.addGenerated(name, dtype, i -> 0f, shape);
    }

    /** Streams every tensor added into {@code file}. */
    void write(Path file) {
        writer.write(file);
    }

    /** Uniform values with the given standard deviation from a fast counter-based hash (splitmix64). */
    static SafetensorsWriter.ValueSource uniformValues(long stream, double std) {
        double half = std * Math.sqrt(3.0);
        long base = stream * 0x9E3779B97F4A7C15L;
        return i -> {
            long z = base + (i + 1) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            double u = (z >>> 11) * 0x1.0p-53; // [0, 1)
            return (float) ((2 * u - 1) * half);
        };
    }
}
