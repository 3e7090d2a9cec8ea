package vlmscope.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.Json;
import vlmscope.VlmscopeException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ResultStoreTest {

    static final ObjectMapper JSON = Json.MAPPER;

    static ObjectNode header(int layers) {
        ObjectNode h = JSON.createObjectNode();
        h.put("experiment", "test");
        h.set("settings", JSON.createObjectNode().put("layers", layers));
        return h;
    }

    @Test
    void resumesAfterATornLineWithoutDuplicates(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("results.jsonl");
        try (ResultStore s = ResultStore.open(file, header(3))) {
            s.append("a", JSON.createObjectNode().put("v", 1));
            s.append("b", JSON.createObjectNode().put("v", 2));
        }
        Files.writeString(file, "{\"key\":\"c\",\"v\":", StandardCharsets.UTF_8, StandardOpenOption.APPEND); // killed mid-write
        try (ResultStore s = ResultStore.open(file, header(3))) {
            assertTrue(s.has("a") && s.has("b"));
            assertFalse(s.has("c"));
            s.append("c", JSON.createObjectNode().put("v", 3));
            assertThrows(IllegalArgumentException.class, () -> s.append("a", JSON.createObjectNode()));
        }
        ResultStore.Contents c = ResultStore.read(file);
        assertEquals("test", c.header().path("experiment").asText());
        assertEquals(3, c.records().size());
        assertEquals(3, c.records().get(2).path("v").asInt());
        assertEquals(4, Files.readAllLines(file).size(), "header + 3 records, torn line gone");
    }

    @Test
    void resumesWhenSettingsHoldLongs(@TempDir Path tmp) {
        Path file = tmp.resolve("results.jsonl");
        ObjectNode h = header(3);
        ((ObjectNode) h.get("settings")).put("seed", 42L);
        try (ResultStore s = ResultStore.open(file, h)) {
            s.append("a", JSON.createObjectNode());
        }
        try (ResultStore s = ResultStore.open(file, h)) {
            assertTrue(s.has("a"));
        }
    }

    @Test
    void refusesToMixSettings(@TempDir Path tmp) {
        Path file = tmp.resolve("results.jsonl");
        try (ResultStore s = ResultStore.open(file, header(3))) {
            s.append("a", JSON.createObjectNode());
        }
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> ResultStore.open(file, header(4)));
        assertTrue(e.getMessage().startsWith(file.toString()));
        assertTrue(e.getMessage().contains("Fix:"));
    }

    @Test
    void vectorsRoundTripWithSidecar(@TempDir Path tmp) {
        Path file = tmp.resolve("ids.safetensors");
        VectorStore.write(file, Map.of("L1/universal/x0_y3_s224", new float[]{1, 2, 3}, "L1/x_axis", new float[]{0.5f, -1, 0}),
                JSON.createObjectNode().put("model", "m"));
        Map<String, float[]> back = VectorStore.read(file);
        assertArrayEquals(new float[]{1, 2, 3}, back.get("L1/universal/x0_y3_s224"));
        assertArrayEquals(new float[]{0.5f, -1, 0}, back.get("L1/x_axis"));
        assertEquals("m", VectorStore.metadata(file).path("model").asText());
    }
}
