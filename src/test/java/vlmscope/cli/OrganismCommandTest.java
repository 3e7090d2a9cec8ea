package vlmscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vlmscope.organism.OrganismWorld;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code organism train --tiny} then {@code organism eval --json} on the result, through picocli. */
class OrganismCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainsATinyOrganismThenEvaluatesItThroughTheEngine() throws Exception {
        Path out = dir.resolve("tiny");
        String[] train = {"train", "--tiny", "--out", out.toString(), "--seed", "3", "--steps", "10", "--batch", "2",
                "--log-every", "2", "--checkpoint-every", "4"};
        assertEquals("0", run(train)[0]);
        assertTrue(Files.isRegularFile(out.resolve("model.safetensors")));
        assertTrue(Files.isRegularFile(out.resolve("training.json")));
        String[] again = run(train);
        assertTrue(again[1].contains("already trained"), again[1]);

        String[] eval = run("eval", "--model", out.toString(), "--seed", "2", "--n", "2", "--json");
        JsonNode json = new ObjectMapper().readTree(eval[1]);
        assertEquals(2, json.get("n").asInt());
        assertEquals(OrganismWorld.TASKS.size(), json.get("accuracy").size());
        for (var task : OrganismWorld.TASKS) {
            double a = json.get("accuracy").get(OrganismWorld.key(task)).asDouble(-1);
            assertTrue(a >= 0 && a <= 1, task + " " + a);
        }
        String[] table = run("eval", "--model", out.toString(), "--seed", "2", "--n", "1");
        assertTrue(table[1].startsWith("task"), table[1]);
        assertTrue(table[1].contains("before_after"), table[1]);
    }

    /** {exit code, stdout}. */
    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new OrganismCommand());
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute(args);
        return new String[]{Integer.toString(code), out.toString()};
    }
}
