package vlmscope.experiments.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.cli.Main;
import vlmscope.results.ResultStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vlmscope temporal grid} on the random-weight fixture: 1 kind × 2×2 cells × 3 frames, one record each, the
 * time / position / interaction shares summing to 1, the projections, and the figure.
 */
class TemporalGridCommandTest {

    static final String FIXTURE = "../shared/fixtures/llava-tiny-5678";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void gridOverPositionAndTime() throws Exception {
        // spatiotemporal grid: 1 kind × 2×2 cells × 3 frames
        Path grid = dir.resolve("grid");
        assertEquals(0, Main.run("temporal", "grid", "--model", FIXTURE, "--out", grid.toString(), "--frames", "3",
                "--cells", "2", "--kinds", "1", "--layers", "1-2"));
        uniqueRecords(grid, 12);
        JsonNode g = summary(grid).path("headline");
        assertEquals(1.0, g.path("time_share").asDouble() + g.path("position_share").asDouble()
                + g.path("interaction_share").asDouble(), 1e-9);
        assertEquals(4, summary(grid).path("projections").path("time").size());
        assertFigure(grid, "temporal_id_grid");
    }

    private static String[] concat(String[] a, String last) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = last;
        return out;
    }

    /** The records, asserting their count and that no key (sample, layer, set / frame / probe) repeats. */
    private static List<JsonNode> uniqueRecords(Path out, int expected) {
        List<JsonNode> records = ResultStore.read(out.resolve("results.jsonl")).records();
        assertEquals(expected, records.size());
        Set<String> keys = new HashSet<>();
        for (JsonNode r : records) assertTrue(keys.add(r.path("key").asText()), "duplicate record " + r.path("key"));
        return records;
    }

    private static JsonNode summary(Path out) throws Exception {
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    private static void assertFigure(Path out, String base) {
        assertTrue(Files.exists(out.resolve("figures").resolve(base + ".png")), base + ".png");
        assertTrue(Files.exists(out.resolve("figures").resolve(base + ".svg")), base + ".svg");
    }
}
