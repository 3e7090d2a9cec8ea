package vlmscope.bench;

import vlmscope.Json;
import vlmscope.VlmscopeException;
import vlmscope.tensor.DType;

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
        RandomTensors w = new RandomTensors(dtype, seed);
        long d = s.hidden(), kv = s.kvWidth(), inter = s.intermediate(), v = s.vocab();
        w.uniform("model.embed_tokens.weight", 1.0, v, d);
        w.ones("model.norm.weight", d);
        for (int l = 0; l < s.layers(); l++) w.decoderLayer("model.layers." + l + ".", d, kv, inter, true);

        long e = s.visionHidden(), vInter = 4L * e, merged = e * QwenShape.MERGE * QwenShape.MERGE, p = s.patchSize();
        w.linear("visual.patch_embed.proj.weight", e, 3, 2, p, p); // Conv3d, no bias
        for (int l = 0; l < s.visionLayers(); l++) {
            String b = "visual.blocks." + l + ".";
            w.ones(b + "norm1.weight", e);
            w.ones(b + "norm2.weight", e);
            w.linearWithBias(b + "attn.qkv", 3 * e, e);
            w.linearWithBias(b + "attn.proj", e, e);
            w.linearWithBias(b + "mlp.gate_proj", vInter, e);
            w.linearWithBias(b + "mlp.up_proj", vInter, e);
            w.linearWithBias(b + "mlp.down_proj", e, vInter);
        }
        w.ones("visual.merger.ln_q.weight", e);
        w.linearWithBias("visual.merger.mlp.0", merged, merged);
        w.linearWithBias("visual.merger.mlp.2", d, merged);
        w.write(file);
    }
}
