package vlmscope.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.Json;
import vlmscope.cli.Main;
import vlmscope.engine.LoadedModel;
import vlmscope.model.Precision;
import vlmscope.tensor.WeightStore;
import vlmscope.tensor.DType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench engine --arch qwen2_5_vl} end to end on a tiny shape: its checkpoint is a loadable hub folder and it prints its key=value lines. */
class QwenEngineBenchTest {

    /** hidden 32 / 2 heads, 2 layers; a 224 px image = 16×16 patches = 64 image tokens in 4 attention windows. */
    private static final String[] TINY = {"bench", "engine", "--arch", "qwen2_5_vl", "--hidden", "32", "--heads", "2",
            "--kv-heads", "1", "--layers", "2", "--intermediate", "64", "--image-size", "224", "--text-tokens", "16",
            "--repeats", "1", "--threads", "1"};

    @Test
    void runsEndToEndAndPrintsItsHeadline(@TempDir Path dir) {
        String[] args = concat(TINY, "--dir", dir.toString());
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertEquals(0, exit, "stderr: " + err);

        Map<String, String> headline = headline(out.toString());
        assertEquals("qwen2_5_vl", headline.get("arch"));
        assertEquals("82", headline.get("sequence_tokens"), "vision_start + 64 image pads + vision_end + 16 text tokens");
        for (String dtype : new String[] {"fp32", "bf16"}) {
            for (String key : new String[] {"forward_seconds", "forward_gflops", "gemm_gflops", "fraction_of_matmul_rate",
                    "sweep_suffix_seconds", "sweep_batched_seconds", "sweep_full_rerun_seconds", "sweep_vs_clean_forward",
                    "batched_sweep_vs_clean_forward"}) {
                String value = headline.get(dtype + "_" + key);
                assertTrue(value != null && Double.parseDouble(value) > 0, dtype + "_" + key + " = " + value);
            }
        }
    }

    @Test
    void writesAHubLayoutCheckpointThatLoadsWithItsProcessor(@TempDir Path dir) throws Exception {
        QwenShape shape = new QwenShape(32, 2, 2, 1, 64, 151936, 64, 2, 224, 14, Path.of("fixtures/qwen2.5-vl-tiny"));
        shape.ensureCheckpoint(dir, DType.F32, 7);
        JsonNode config = Json.MAPPER.readTree(dir.resolve("config.json").toFile());
        assertEquals("Qwen2_5_VLForConditionalGeneration", config.path("architectures").path(0).asText());
        assertEquals(1, config.path("vision_config").path("fullatt_block_indexes").path(0).asInt(), "the last of 2 blocks attends fully");
        try (WeightStore store = WeightStore.open(dir)) {
            assertTrue(store.contains("model.layers.1.self_attn.k_proj.bias"));
            assertTrue(store.contains("visual.blocks.0.mlp.gate_proj.bias"));
            assertTrue(store.contains("visual.merger.mlp.2.weight"));
            assertFalse(store.contains("lm_head.weight"), "tied to the embedding");
        }
        try (LoadedModel loaded = LoadedModel.open(dir, Precision.FP32)) {
            assertEquals("qwen2_5_vl", loaded.model().modelType());
            var prompt = loaded.prompt(new java.awt.image.BufferedImage(224, 224, java.awt.image.BufferedImage.TYPE_INT_RGB),
                    "Is the cat left of the dog?", false);
            assertEquals(shape.imageTokens(), loaded.model().imagePositions(prompt.inputs().ids()).length);
        }
    }

    @Test
    void rejectsAnImageSizeSmartResizeWouldChange(@TempDir Path dir) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "bench", "engine", "--arch", "qwen2_5_vl", "--image-size", "450", "--dir", dir.toString());
        assertEquals(2, exit, "stderr: " + err);
        String line = err.toString().strip();
        assertFalse(line.contains("\n"), "one error line: " + line);
        assertTrue(line.contains("--image-size 450") && line.contains("Fix: use a multiple of 28"), line);
    }

    private static Map<String, String> headline(String out) {
        int start = out.indexOf("--- headline ---");
        assertTrue(start >= 0, "no headline in: " + out);
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : out.substring(start).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) lines.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return lines;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
