package vlmscope.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RunHeaderTest {

    private static ObjectNode settings() {
        ObjectNode s = Json.object();
        s.put("seed", 7L);               // a long, as experiments put it
        s.put("alpha", 5.0f);            // a float
        s.putArray("layers").add(1).add(2);
        return s;
    }

    @Test
    void spellsTheDtypeAsTheCliTakesIt() {
        for (String given : List.of("FP32", "fp32", "Fp32")) {
            assertEquals("fp32", new RunHeader("swap", "m", given, settings(), List.of()).json().path("dtype").asText());
        }
        assertEquals("bf16", new RunHeader("swap", "m", "BF16", settings(), List.of()).json().path("dtype").asText());
        assertThrows(IllegalArgumentException.class, () -> new RunHeader("swap", "m", "fp16", settings(), List.of()));
    }

    @Test
    void recordsEveryField() {
        JsonNode h = new RunHeader("ids", "models/organism", "fp32", settings(), List.of("vlmscope", "ids", "extract"))
                .json();
        assertEquals("ids", h.path("experiment").asText());
        assertEquals("models/organism", h.path("model").asText());
        assertEquals(7, h.path("settings").path("seed").asInt());
        assertEquals(RunHeader.VLMSCOPE_VERSION, h.path("vlmscope").asText());
        assertEquals(System.getProperty("java.version"), h.path("java").asText());
        assertFalse(h.path("started").asText().isBlank());
        assertEquals(List.of("vlmscope", "ids", "extract"),
                Json.MAPPER.convertValue(h.path("command"), List.class));
    }

    /** A results file written before RunHeader (upper-case dtype, no "vlmscope" in the command) still resumes. */
    @Test
    void resumesAFileWrittenByThePreviousHeader(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("results.jsonl");
        Files.writeString(file, """
                {"header":{"experiment":"swap","model":"m","dtype":"FP32","settings":{"seed":7,"alpha":5.0,"layers":[1,2]},"vlmscope":"0.1.0","java":"25","started":"2026-12-01T00:00:00Z","command":["swap","mirror"]}}
                {"key":"a","v":1}
                """, StandardCharsets.UTF_8);
        try (ResultStore s = ResultStore.open(file, new RunHeader("swap", "m", "fp32", settings(),
                List.of("vlmscope", "swap", "mirror")).json())) {
            assertTrue(s.has("a"));
            assertEquals(1, s.size());
        }
    }

    @Test
    void normalisedTreesCompareEqualToTheirReadBack() throws IOException {
        ObjectNode built = settings();
        JsonNode readBack = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(built));
        assertNotEquals(readBack, built, "a long and a float differ from the int and double they read back as");
        assertEquals(readBack, Json.normalised(built));
    }
}
