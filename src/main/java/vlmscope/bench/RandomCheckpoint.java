package vlmscope.bench;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.Json;
import vlmscope.tensor.DType;

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
        RandomTensors w = new RandomTensors(dtype, seed);
        String lm = "language_model.model.";
        long d = s.hidden(), kv = s.kvWidth(), inter = s.intermediate(), v = s.vocab();
        w.uniform(lm + "embed_tokens.weight", 1.0, v, d);
        w.ones(lm + "norm.weight", d);
        w.linear("language_model.lm_head.weight", v, d);
        for (int l = 0; l < s.layers(); l++) w.decoderLayer(lm + "layers." + l + ".", d, kv, inter, false);
        String vt = "vision_tower.vision_model.";
        long e = s.visionHidden(), p = s.patchSize(), positions = s.imageTokens() + 1;
        // std 1/sqrt(p), not 1/sqrt(3·p·p): the scale these checkpoints have always had
        w.uniform(vt + "embeddings.patch_embedding.weight", 1.0 / Math.sqrt(p), e, 3, p, p);
        w.uniform(vt + "embeddings.class_embedding", 0.02, e);
        w.uniform(vt + "embeddings.position_embedding.weight", 0.02, positions, e);
        w.ones(vt + "pre_layrnorm.weight", e);
        w.zeros(vt + "pre_layrnorm.bias", e);
        for (int l = 0; l < s.visionLayers(); l++) {
            String q = vt + "encoder.layers." + l + ".";
            for (String proj : new String[]{"q_proj", "k_proj", "v_proj", "out_proj"}) {
                w.linearWithBias(q + "self_attn." + proj, e, e);
            }
            for (String norm : new String[]{"layer_norm1", "layer_norm2"}) {
                w.ones(q + norm + ".weight", e);
                w.zeros(q + norm + ".bias", e);
            }
            w.linearWithBias(q + "mlp.fc1", 4 * e, e);
            w.linearWithBias(q + "mlp.fc2", e, 4 * e);
        }
        w.linearWithBias("multi_modal_projector.linear_1", d, e);
        w.linearWithBias("multi_modal_projector.linear_2", d, d);
        w.write(file);
    }
}
