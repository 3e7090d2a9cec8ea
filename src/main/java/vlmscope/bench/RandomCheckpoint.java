package vlmscope.bench;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.Json;
import vlmscope.tensor.DType;
import vlmscope.tensor.SafetensorsWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a random-initialised checkpoint folder of a {@link LlavaShape} (hub tensor names, F32 or BF16), streaming
 * the values so multi-GB files need no memory. Linear weights are uniform with std 1/sqrt(fan_in), norms are 1.
 */
public final class RandomCheckpoint {

    private RandomCheckpoint() {
    }

    /** Writes {@code dir} unless it already holds a finished checkpoint of this shape and dtype. */
    public static Path ensure(Path dir, LlavaShape s, DType dtype, long seed) {
        return ensureFolder(dir, s + " " + dtype + " " + seed, s.config(),
                folder -> writeTensors(folder.resolve("model.safetensors"), s, dtype, seed));
    }

    /** The rest of a random checkpoint folder, written after its config.json. */
    @FunctionalInterface
    interface FolderContents {
        void write(Path dir) throws IOException;
    }

    /**
     * Writes {@code config} as config.json and then {@code contents} into {@code dir}, unless its {@code .complete}
     * marker already holds {@code fingerprint}; marks the folder complete afterwards.
     */
    static Path ensureFolder(Path dir, String fingerprint, JsonNode config, FolderContents contents) {
        Path marker = dir.resolve(".complete");
        try {
            if (Files.exists(marker) && Files.readString(marker).equals(fingerprint)) return dir;
            Files.createDirectories(dir);
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("config.json").toFile(), config);
            contents.write(dir);
            Files.writeString(marker, fingerprint);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write benchmark checkpoint in " + dir, e);
        }
    }

    private static void writeTensors(Path file, LlavaShape s, DType dtype, long seed) {
        SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
        long[] salt = {seed};
        java.util.function.BiConsumer<String, long[]> linear = (name, shape) ->
                w.addGenerated(name, dtype, uniform(salt[0]++, 1.0 / Math.sqrt(shape[shape.length - 1])), shape);
        java.util.function.BiConsumer<String, long[]> ones = (name, shape) -> w.addGenerated(name, dtype, i -> 1f, shape);
        String lm = "language_model.model.";
        long d = s.hidden(), kv = (long) s.kvHeads() * s.headDim(), inter = s.intermediate(), v = s.vocab();
        w.addGenerated(lm + "embed_tokens.weight", dtype, uniform(salt[0]++, 1.0), v, d);
        ones.accept(lm + "norm.weight", new long[]{d});
        linear.accept("language_model.lm_head.weight", new long[]{v, d});
        for (int l = 0; l < s.layers(); l++) {
            String p = lm + "layers." + l + ".";
            ones.accept(p + "input_layernorm.weight", new long[]{d});
            ones.accept(p + "post_attention_layernorm.weight", new long[]{d});
            linear.accept(p + "self_attn.q_proj.weight", new long[]{d, d});
            linear.accept(p + "self_attn.k_proj.weight", new long[]{kv, d});
            linear.accept(p + "self_attn.v_proj.weight", new long[]{kv, d});
            linear.accept(p + "self_attn.o_proj.weight", new long[]{d, d});
            linear.accept(p + "mlp.gate_proj.weight", new long[]{inter, d});
            linear.accept(p + "mlp.up_proj.weight", new long[]{inter, d});
            linear.accept(p + "mlp.down_proj.weight", new long[]{d, inter});
        }
        String vt = "vision_tower.vision_model.";
        long e = s.visionHidden(), p = s.patchSize(), positions = s.imageTokens() + 1;
        linear.accept(vt + "embeddings.patch_embedding.weight", new long[]{e, 3, p, p});
        w.addGenerated(vt + "embeddings.class_embedding", dtype, uniform(salt[0]++, 0.02), e);
        w.addGenerated(vt + "embeddings.position_embedding.weight", dtype, uniform(salt[0]++, 0.02), positions, e);
        ones.accept(vt + "pre_layrnorm.weight", new long[]{e});
        w.addGenerated(vt + "pre_layrnorm.bias", dtype, i -> 0f, e);
        for (int l = 0; l < s.visionLayers(); l++) {
            String q = vt + "encoder.layers." + l + ".";
            for (String proj : new String[]{"q_proj", "k_proj", "v_proj", "out_proj"}) {
                linear.accept(q + "self_attn." + proj + ".weight", new long[]{e, e});
                w.addGenerated(q + "self_attn." + proj + ".bias", dtype, i -> 0f, e);
            }
            for (String norm : new String[]{"layer_norm1", "layer_norm2"}) {
                ones.accept(q + norm + ".weight", new long[]{e});
                w.addGenerated(q + norm + ".bias", dtype, i -> 0f, e);
            }
            linear.accept(q + "mlp.fc1.weight", new long[]{4 * e, e});
            w.addGenerated(q + "mlp.fc1.bias", dtype, i -> 0f, 4 * e);
            linear.accept(q + "mlp.fc2.weight", new long[]{e, 4 * e});
            w.addGenerated(q + "mlp.fc2.bias", dtype, i -> 0f, e);
        }
        linear.accept("multi_modal_projector.linear_1.weight", new long[]{d, e});
        w.addGenerated("multi_modal_projector.linear_1.bias", dtype, i -> 0f, d);
        linear.accept("multi_modal_projector.linear_2.weight", new long[]{d, d});
        w.addGenerated("multi_modal_projector.linear_2.bias", dtype, i -> 0f, d);
        w.write(file);
    }

    /** Uniform values with the given standard deviation from a fast counter-based hash (splitmix64). */
    static SafetensorsWriter.ValueSource uniform(long stream, double std) {
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
