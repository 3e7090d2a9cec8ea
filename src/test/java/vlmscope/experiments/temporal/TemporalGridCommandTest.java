package vlmscope.experiments.temporal;

import static vlmscope.experiments.temporal.TemporalRunChecks.*;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.cli.Main;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vlmscope temporal grid} on the random-weight fixture: 1 kind × 2×2 cells × 3 frames, one record each, the
 * time / position / interaction shares summing to 1, the projections, and the figure.
 */
class TemporalGridCommandTest {

    static final String FIXTURE = "fixtures/llava-tiny-5678";

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
}
