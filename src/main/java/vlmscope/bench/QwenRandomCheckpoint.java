package vlmscope.bench;

import vlmscope.Json;
import vlmscope.VlmscopeException;
import vlmscope.tensor.DType;
import vlmscope.tensor.SafetensorsWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a random-initialised Qwen2.5-VL checkpoint folder of a {@link QwenShape}: config.json,
 * preprocessor_config.json, the tokenizer files of {@link QwenShape#tokenizerSource()} and model.safetensors with
 * the hub tensor names ({@code model.…}, {@code visual.…}; no {@code lm_head.weight}: tied), F32 or BF16, streamed.
 * Linear weights are uniform with std 1/sqrt(fan_in), biases 0, norms 1, as {@link RandomCheckpoint} does for LLaVA.
 */
public final class QwenRandomCheckpoint {

    /** Tokenizer files copied from the source checkpoint; the first is required. */
    private static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer_config.json", "chat_template.json");

    private QwenRandomCheckpoint() {
    }

    /** Writes {@code dir} unless it already holds a finished checkpoint of this shape, dtype and seed. */
    public static Path ensure(Path dir, QwenShape s, DType dtype, long seed) {
        Path tokenizer = s.tokenizerSource().resolve(TOKENIZER_FILES.get(0));
        if (!Files.isRegularFile(tokenizer)) {
            throw VlmscopeException.badInput(tokenizer, "no Qwen2 tokenizer.json to reuse for the random checkpoint",
                    "run from the repository root (it has fixtures/qwen2.5-vl-tiny) or pass --tokenizer <a Qwen2-VL checkpoint folder>");
        }
        return RandomCheckpoint.ensureFolder(dir, s + " " + dtype + " " + seed, s.config(), folder -> {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(folder.resolve("preprocessor_config.json").toFile(),
                    s.preprocessorConfig());
            for (String name : TOKENIZER_FILES) {
                Path from = s.tokenizerSource().resolve(name);
                if (Files.isRegularFile(from)) Files.copy(from, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            writeTensors(folder.resolve("model.safetensors"), s, dtype, seed);
        });
    }

    private static void writeTensors(Path file, QwenShape s, DType dtype, long seed) {
        SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
        long[] salt = {seed};
        java.util.function.BiConsumer<String, long[]> linear = (name, shape) ->
                w.addGenerated(name, dtype, RandomCheckpoint.uniform(salt[0]++, 1.0 / Math.sqrt(fanIn(shape))), shape);
        java.util.function.BiConsumer<String, long[]> ones = (name, shape) -> w.addGenerated(name, dtype, i -> 1f, shape);
        java.util.function.BiConsumer<String, long[]> zeros = (name, shape) -> w.addGenerated(name, dtype, i -> 0f, shape);

        long d = s.hidden(), kv = (long) s.kvHeads() * s.headDim(), inter = s.intermediate(), v = s.vocab();
        w.addGenerated("model.embed_tokens.weight", dtype, RandomCheckpoint.uniform(salt[0]++, 1.0), v, d);
        ones.accept("model.norm.weight", new long[] {d});
        for (int l = 0; l < s.layers(); l++) {
            String p = "model.layers." + l + ".";
            ones.accept(p + "input_layernorm.weight", new long[] {d});
            ones.accept(p + "post_attention_layernorm.weight", new long[] {d});
            linear.accept(p + "self_attn.q_proj.weight", new long[] {d, d});
            zeros.accept(p + "self_attn.q_proj.bias", new long[] {d});
            linear.accept(p + "self_attn.k_proj.weight", new long[] {kv, d});
            zeros.accept(p + "self_attn.k_proj.bias", new long[] {kv});
            linear.accept(p + "self_attn.v_proj.weight", new long[] {kv, d});
            zeros.accept(p + "self_attn.v_proj.bias", new long[] {kv});
            linear.accept(p + "self_attn.o_proj.weight", new long[] {d, d});
            linear.accept(p + "mlp.gate_proj.weight", new long[] {inter, d});
            linear.accept(p + "mlp.up_proj.weight", new long[] {inter, d});
            linear.accept(p + "mlp.down_proj.weight", new long[] {d, inter});
        }

        long e = s.visionHidden(), vInter = 4L * e, merged = e * QwenShape.MERGE * QwenShape.MERGE, p = s.patchSize();
        linear.accept("visual.patch_embed.proj.weight", new long[] {e, 3, 2, p, p}); // Conv3d, no bias
        for (int l = 0; l < s.visionLayers(); l++) {
            String b = "visual.blocks." + l + ".";
            ones.accept(b + "norm1.weight", new long[] {e});
            ones.accept(b + "norm2.weight", new long[] {e});
            linear.accept(b + "attn.qkv.weight", new long[] {3 * e, e});
            zeros.accept(b + "attn.qkv.bias", new long[] {3 * e});
            linear.accept(b + "attn.proj.weight", new long[] {e, e});
            zeros.accept(b + "attn.proj.bias", new long[] {e});
            linear.accept(b + "mlp.gate_proj.weight", new long[] {vInter, e});
            zeros.accept(b + "mlp.gate_proj.bias", new long[] {vInter});
            linear.accept(b + "mlp.up_proj.weight", new long[] {vInter, e});
            zeros.accept(b + "mlp.up_proj.bias", new long[] {vInter});
            linear.accept(b + "mlp.down_proj.weight", new long[] {e, vInter});
            zeros.accept(b + "mlp.down_proj.bias", new long[] {e});
        }
        ones.accept("visual.merger.ln_q.weight", new long[] {e});
        linear.accept("visual.merger.mlp.0.weight", new long[] {merged, merged});
        zeros.accept("visual.merger.mlp.0.bias", new long[] {merged});
        linear.accept("visual.merger.mlp.2.weight", new long[] {d, merged});
        zeros.accept("visual.merger.mlp.2.bias", new long[] {d});
        w.write(file);
    }

    /** Inputs per output of a weight [out, in, ...]: everything after the first axis. */
    private static long fanIn(long[] shape) {
        long n = 1;
        for (int i = 1; i < shape.length; i++) n *= shape[i];
        return n;
    }
}
