package vlmscope.experiments.ids;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.Json;
import vlmscope.analysis.AxesPlane;
import vlmscope.analysis.Vectors;
import vlmscope.cli.Main;
import vlmscope.results.ResultStore;
import vlmscope.results.VectorStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end on the tiny fixture (random weights, 4 layers, d = 36): a 2×2 grid, one pair, one size; an interrupted
 * run resumes without duplicates; a baseline run of the same checkpoint gives the same numbers; anchors append.
 */
class IdsCommandTest {

    private static final Path FIXTURE = Path.of("fixtures/llava-tiny-5678");
    private static final ObjectMapper JSON = Json.MAPPER;

    @Test
    void extractsResumesAndStoresIdsUnderTheDocumentedKeys(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("ids");
        String[] args = {"ids", "extract", "--model", FIXTURE.toString(), "--baseline-model", FIXTURE.toString(),
                "--out", out.toString(), "--pairs", "dog,cat", "--cells", "2", "--sizes", "224", "--layers", "0-3"};
        String[] interrupted = java.util.Arrays.copyOf(args, args.length + 2);
        interrupted[args.length] = "--limit";
        interrupted[args.length + 1] = "5";
        assertEquals(0, Main.run(interrupted));
        assertEquals(5, ResultStore.read(out.resolve("results.jsonl")).records().size());
        assertTrue(Files.exists(out.resolve("work/model/dog_cat/A0_0.safetensors")), "first reference cell finished");
        assertTrue(!Files.exists(out.resolve("ids.safetensors")));

        assertEquals(0, Main.run(args));
        ResultStore.Contents contents = ResultStore.read(out.resolve("results.jsonl"));
        Set<String> keys = new HashSet<>();
        for (JsonNode r : contents.records()) assertTrue(keys.add(r.path("key").asText()), "duplicate " + r.path("key"));
        long images = contents.records().stream().filter(r -> r.path("kind").asText().equals("image")).count();
        assertEquals(2 * 4 * 3, images, "12 images per role, model + baseline");
        assertTrue(keys.contains("model/img/dog_cat/0_1/1_0_224"));
        assertTrue(keys.contains("baseline/plane/universal/L3"));
        assertTrue(keys.contains("model/anchor/spatial_lr/left/L2"));

        Map<String, float[]> ids = VectorStore.read(out.resolve("ids.safetensors"));
        for (int layer = 0; layer < 4; layer++) {
            for (String d : List.of("x", "y")) {
                assertNotNull(ids.get("L" + layer + "/axis/" + d));
                assertNotNull(ids.get("L" + layer + "/axis_strict/" + d));
            }
            for (int x = 0; x < 2; x++)
                for (int y = 0; y < 2; y++) {
                    float[] u = ids.get("L" + layer + "/universal/x" + x + "_y" + y + "_s224");
                    assertNotNull(u);
                    assertEquals(36, u.length);
                    // One pair: the universal ID is that pair's ID.
                    assertArrayEquals(ids.get("L" + layer + "/pair/dog_cat/x" + x + "_y" + y + "_s224"), u, 0);
                }
        }
        assertEquals(4 * (4 + 4 + 4 + 4), ids.size(), "per layer: 4 universal, 4 pair, 4 axes, 4 pair axes, nothing else");

        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(4, summary.path("layers").size());
        JsonNode l2 = summary.path("layers").get(2);
        // The same checkpoint as baseline gives the same numbers.
        assertEquals(l2.path("explained").asDouble(), l2.path("baseline").path("explained").asDouble(), 1e-12);
        double[][] pts = new double[4][];
        for (int x = 0; x < 2; x++)
            for (int y = 0; y < 2; y++) pts[x * 2 + y] = Vectors.toDouble(ids.get("L2/universal/x" + x + "_y" + y + "_s224"));
        double expected = AxesPlane.of(Vectors.toDouble(ids.get("L2/axis/x")), Vectors.toDouble(ids.get("L2/axis/y")))
                .explainedVariance(pts);
        assertEquals(expected, l2.path("explained").asDouble(), 1e-9);
        assertTrue(summary.path("best_layer").has("baseline_explained"));
        assertTrue(Files.size(out.resolve("figures/fig5_spatial_ids.png")) > 0 && Files.size(out.resolve("figures/fig5_spatial_ids.svg")) > 0);

        // A third run finds everything done and appends nothing.
        int before = contents.records().size();
        assertEquals(0, Main.run(args));
        assertEquals(before, ResultStore.read(out.resolve("results.jsonl")).records().size());

        // Extra anchors on the finished folder: plain vs spatial prompt for the object word.
        assertEquals(0, Main.run("ids", "anchors", "--out", out.toString(),
                "--anchor", "plain_obj={word}|cat", "--anchor", "spatial_obj=Is the cat to the left or right of the dog?|cat"));
        Set<String> after = new HashSet<>();
        for (JsonNode r : ResultStore.read(out.resolve("results.jsonl")).records()) after.add(r.path("key").asText());
        assertTrue(after.contains("model/anchor/plain_obj/cat/L0") && after.contains("baseline/anchor/spatial_obj/cat/L3"));
        Map<String, float[]> anchors = VectorStore.read(out.resolve("anchors.safetensors"));
        assertTrue(anchors.containsKey("L1/anchor/plain_obj/cat") && anchors.containsKey("L1/anchor/spatial_lr/right"));
    }

    private static void assertArrayEquals(float[] expected, float[] actual, float tol) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], tol, "coordinate " + i);
    }
}
