package vlmscope.experiments.temporal;

import static vlmscope.experiments.temporal.TemporalRunChecks.*;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.cli.Main;
import vlmscope.results.ResultStore;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vlmscope temporal swap} end to end on the random-weight fixture (Llama tokenizer, 224 px, 4 blocks) with
 * 3-frame videos: an interrupted run resumed without duplicates; swapping every position reproduces the reversed
 * run (shift 1) whatever the weights; the set sizes; summary and figure.
 */
class TemporalSwapCommandTest {

    static final String FIXTURE = "fixtures/llava-tiny-5678";

    @TempDir
    Path dir;

    @Test
    void swapResumesAndAllPositionsReproduceTheReversedRun() throws Exception {
        // temporal mirror swap: an interrupted run (1 video) resumed to 2 videos
        Path swap = dir.resolve("swap");
        String[] swapArgs = {"temporal", "swap", "--model", FIXTURE, "--out", swap.toString(), "--frames", "3",
                "--sets", "all,video,text,objects", "--layers", "1-3", "--seed", "1", "--n"};
        assertEquals(0, Main.run(concat(swapArgs, "1")));
        assertEquals(12, ResultStore.read(swap.resolve("results.jsonl")).records().size());
        assertEquals(0, Main.run(concat(swapArgs, "2")));
        List<JsonNode> records = uniqueRecords(swap, 2 * 3 * 4);
        int checked = 0;
        for (JsonNode r : records) {
            if (r.path("set").asText().equals("all")) {
                for (JsonNode a : r.path("answers")) {
                    if (a.path("shift").isNumber()) {
                        assertEquals(1.0, a.path("shift").asDouble(), 1e-3, "swapping every position = the reversed run");
                        checked++;
                    }
                }
            }
            if (r.path("set").asText().equals("image")) assertEquals(3 * 256, r.path("n_positions").asInt());
            if (r.path("set").asText().equals("objects")) assertEquals(2, r.path("n_positions").asInt());
            assertEquals("▁before", r.path("answers").get(0).path("piece").asText());
        }
        assertTrue(checked > 0, "some shifts are defined");
        assertEquals("temporal-swap", summary(swap).path("experiment").asText());
        assertFigure(swap, "temporal_mirror_swapping");

    }
}
