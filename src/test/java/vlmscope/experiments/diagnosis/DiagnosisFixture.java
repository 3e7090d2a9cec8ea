package vlmscope.experiments.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.results.ResultStore;
import vlmscope.results.VectorStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The HF fixture checkpoint and a synthetic linear ID file for the diagnosis tests. */
final class DiagnosisFixture {

    static final Path MODEL = Path.of("fixtures/llava-tiny-5678");
    static final int D = 36;

    private DiagnosisFixture() {
    }

    /** A random direction [d] from {@code seed}. */
    static float[] direction(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[D];
        for (int i = 0; i < D; i++) v[i] = (float) r.nextGaussian();
        return v;
    }

    /**
     * A linear ID field U_L(x, y) = x·a_L + y·b_L on a 4×4 grid (size 224) with axes a_L, b_L, for {@code layers},
     * written with {@link VectorStore#write}.
     */
    static Path writeIds(Path dir, int... layers) {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        for (int layer : layers) {
            float[] a = direction(100 + layer), b = direction(200 + layer);
            for (int x = 0; x < 4; x++)
                for (int y = 0; y < 4; y++) {
                    float[] u = new float[D];
                    for (int i = 0; i < D; i++) u[i] = (x - 1.5f) * a[i] + (y - 1.5f) * b[i];
                    vectors.put("L" + layer + "/universal/x" + x + "_y" + y + "_s224", u);
                }
            vectors.put("L" + layer + "/axis/x", a);
            vectors.put("L" + layer + "/axis/y", b);
        }
        Path file = dir.resolve("ids.safetensors");
        VectorStore.write(file, vectors, ExperimentOutput.object().put("source", "synthetic linear field"));
        return file;
    }

    /** The records of a results folder, asserting every key is unique. */
    static List<JsonNode> records(Path outDir) {
        List<JsonNode> records = ResultStore.read(outDir.resolve("results.jsonl")).records();
        Set<String> keys = new HashSet<>();
        for (JsonNode r : records) keys.add(r.path("key").asText());
        assertEquals(records.size(), keys.size(), "duplicate keys");
        return records;
    }

    /** Simulates a kill mid-run: drops the last {@code lines} complete lines and leaves a torn one. */
    static void tearResults(Path outDir, int lines) throws IOException {
        Path file = outDir.resolve("results.jsonl");
        List<String> all = Files.readAllLines(file);
        List<String> kept = all.subList(0, all.size() - lines);
        Files.writeString(file, String.join("\n", kept) + "\n" + all.get(all.size() - lines).substring(0, 20));
    }
}
