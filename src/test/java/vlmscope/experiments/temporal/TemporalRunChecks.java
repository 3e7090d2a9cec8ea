package vlmscope.experiments.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vlmscope.Json;
import vlmscope.results.ResultStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks shared by the temporal command tests: records without duplicate keys, the summary, the figure files. */
final class TemporalRunChecks {

    private static final ObjectMapper JSON = Json.MAPPER;

    private TemporalRunChecks() {
    }

    static String[] concat(String[] a, String last) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = last;
        return out;
    }

    /** The records, asserting their count and that no key (sample, layer, set / frame / probe) repeats. */
    static List<JsonNode> uniqueRecords(Path out, int expected) {
        List<JsonNode> records = ResultStore.read(out.resolve("results.jsonl")).records();
        assertEquals(expected, records.size());
        Set<String> keys = new HashSet<>();
        for (JsonNode r : records) assertTrue(keys.add(r.path("key").asText()), "duplicate record " + r.path("key"));
        return records;
    }

    static JsonNode summary(Path out) throws Exception {
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    static void assertFigure(Path out, String base) {
        assertTrue(Files.exists(out.resolve("figures").resolve(base + ".png")), base + ".png");
        assertTrue(Files.exists(out.resolve("figures").resolve(base + ".svg")), base + ".svg");
    }
}
