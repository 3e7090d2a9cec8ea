package vlmscope.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.VlmscopeException;
import vlmscope.experiments.swap.SwapSummary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Resume never throws valid records away: only a torn last line is repaired; other damage stops or is moved aside. */
class ResultDamageTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path fileWith(int records) {
        Path file = tmp.resolve("results.jsonl");
        try (ResultStore s = ResultStore.open(file, ResultStoreTest.header(3))) {
            for (int i = 0; i < records; i++) s.append("k" + i, JSON.createObjectNode().put("v", i));
        }
        return file;
    }

    /** Replaces 1-based line {@code number} of {@code file} with {@code text}. */
    private static void replaceLine(Path file, int number, String text) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(number - 1, text);
        Files.writeString(file, String.join("\n", lines) + "\n");
    }

    @Test
    void anUnparsableLastLineWithItsNewlineIsDroppedAsTorn() throws IOException {
        Path file = fileWith(3);
        Files.write(file, new byte[]{'{', '"', 0, 0, 0, '\n'}, StandardOpenOption.APPEND);
        try (ResultStore s = ResultStore.open(file, ResultStoreTest.header(3))) {
            assertEquals(3, s.size());
        }
        assertEquals(4, Files.readAllLines(file).size());
    }

    @Test
    void aDamagedHeaderStopsNamingLineOneAndChangesNothing() throws IOException {
        Path file = fileWith(5);
        replaceLine(file, 1, "{\"header\": {\"experiment\": \"te");
        byte[] before = Files.readAllBytes(file);
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> ResultStore.open(file, ResultStoreTest.header(3)));
        assertTrue(e.getMessage().startsWith(file + ":1: the header line is damaged"), e.getMessage());
        assertTrue(e.getMessage().contains("Fix: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertArrayEquals(before, Files.readAllBytes(file));
        // --repair does not guess a header either: the settings are in it
        assertThrows(VlmscopeException.class, () -> ResultStore.open(file, ResultStoreTest.header(3), ResultStore.OpenMode.REPAIR));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertThrows(VlmscopeException.class, () -> ResultStore.read(file));
    }

    @Test
    void aCorruptLineInTheMiddleStopsNamingItsNumberAndChangesNothing() throws IOException {
        Path file = fileWith(10);
        replaceLine(file, 5, "\0\0\0\0{\"key\":\"k3\"");
        byte[] before = Files.readAllBytes(file);
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> ResultStore.open(file, ResultStoreTest.header(3)));
        assertTrue(e.getMessage().startsWith(file + ":5: damaged line (not valid JSON)"), e.getMessage());
        assertTrue(e.getMessage().contains("Fix: run the experiment again with --repair"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        VlmscopeException r = assertThrows(VlmscopeException.class, () -> ResultStore.read(file));
        assertTrue(r.getMessage().startsWith(file + ":5:"), r.getMessage());
    }

    @Test
    void repairMovesBadLinesAsideAndKeepsEveryValidRecord() throws IOException {
        Path file = fileWith(10);
        replaceLine(file, 5, "garbage");             // k3
        replaceLine(file, 8, "{\"no_key\": 1}");     // k6
        Files.writeString(file, "{\"key\":\"k10\",\"v\":", StandardOpenOption.APPEND); // torn tail
        try (ResultStore s = ResultStore.open(file, ResultStoreTest.header(3), ResultStore.OpenMode.REPAIR)) {
            assertEquals(8, s.size());
            assertFalse(s.has("k3") || s.has("k6"));
            s.append("k3", JSON.createObjectNode().put("v", 3));
        }
        List<String> side = Files.readAllLines(tmp.resolve("results.bad.jsonl"));
        assertEquals(3, side.size());
        assertEquals(5, JSON.readTree(side.get(0)).path("line").asInt());
        assertEquals("garbage", JSON.readTree(side.get(0)).path("text").asText());
        assertEquals(8, JSON.readTree(side.get(1)).path("line").asInt());
        assertEquals(12, JSON.readTree(side.get(2)).path("line").asInt());
        ResultStore.Contents c = ResultStore.read(file);
        assertEquals(9, c.records().size());
        for (int i = 0; i < 10; i++) {
            if (i != 6) assertEquals(i, recordOf(c, "k" + i).path("v").asInt(), "k" + i);
        }
    }

    private static JsonNode recordOf(ResultStore.Contents c, String key) {
        return c.records().stream().filter(r -> r.path("key").asText().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void aDuplicatedRecordCountsOnceAndIsReported() throws IOException {
        Path file = tmp.resolve("results.jsonl");
        ObjectNode header = JSON.createObjectNode().put("experiment", "swap");
        header.set("settings", JSON.createObjectNode().put("mode", "mirror"));
        try (ResultStore s = ResultStore.open(file, header)) {
            for (int i = 0; i < 48; i++) {
                ObjectNode r = JSON.createObjectNode().put("sample", "s" + i).put("layer", 0).put("set", "objects");
                r.putArray("answers").addObject().put("label", "Left").put("shift", i / 48.0);
                s.append("s" + i + "/L0/objects", r);
            }
        }
        List<String> lines = Files.readAllLines(file);
        Files.writeString(file, lines.get(7) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        ResultStore.Contents c = ResultStore.read(file);
        assertEquals(48, c.records().size());
        assertEquals(List.of(file + ": 1 duplicate record ignored (key s6/L0/objects)"), c.notes());
        JsonNode summary = SwapSummary.of(c.header(), c.records());
        assertEquals(48, summary.path("sets").path("objects").path("Left").path("n").get(0).asInt());
        try (ResultStore s = ResultStore.open(file, header)) {
            assertEquals(48, s.size());
        }
    }

    @Test
    void theSettingsMismatchNamesTheKeyInOneShortLine() {
        Path file = fileWith(1);
        ObjectNode other = ResultStoreTest.header(4);
        ((ObjectNode) other.get("settings")).put("prompt", "x".repeat(500));
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> ResultStore.open(file, other));
        String m = e.getMessage();
        assertTrue(m.contains("layers: 3 in the file, 4 now"), m);
        assertTrue(m.contains("prompt: absent in the file, \"xxx"), m);
        assertTrue(m.contains("Fix: use another --out folder, or --fresh"), m);
        assertTrue(m.length() < 250, m.length() + ": " + m);
    }
}
