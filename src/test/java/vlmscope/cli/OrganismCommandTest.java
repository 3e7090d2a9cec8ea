package vlmscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vlmscope.Json;
import vlmscope.organism.OrganismWorld;
import vlmscope.train.Stage;
import vlmscope.train.Trainer;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        JsonNode json = Json.MAPPER.readTree(eval[1]);
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

    @Test
    void refusesToOverwriteAnOrganismTrainedWithOtherOptionsUnlessForced() throws Exception {
        Path out = dir.resolve("committed");
        assertEquals("0", run("train", "--tiny", "--out", out.toString(), "--seed", "3", "--steps", "3", "--batch", "2")[0]);
        byte[] before = Files.readAllBytes(out.resolve("model.safetensors"));
        String[] other = {"train", "--tiny", "--out", out.toString(), "--seed", "4", "--steps", "3", "--batch", "2"};
        assertEquals("2", run(other)[0], "another seed must not silently retrain over a finished organism");
        assertArrayEquals(before, Files.readAllBytes(out.resolve("model.safetensors")), "the organism is untouched");
        String[] forced = new String[other.length + 1];
        System.arraycopy(other, 0, forced, 0, other.length);
        forced[other.length] = "--force";
        assertEquals("0", run(forced)[0]);
        assertTrue(Trainer.finished(out, OrganismCommand.options(true, 4, 3, 2, Stage.INSTRUCT, 50, 250)));
    }

    @Test
    void anUnknownTaskKeyIsAUsageErrorThatWritesNothing() {
        for (String option : new String[]{"--mix", "--align-mix"}) {
            Path out = dir.resolve("never" + option);
            Cli.Outcome o = Cli.run("organism", "train", "--tiny", "--out", out.toString(), "--steps", "3", option, "caption,sideways");
            assertEquals(2, o.exit(), option);
            assertTrue(o.err().contains("task 'sideways'") && o.err().contains("Fix:"), o.err());
            assertTrue(Files.notExists(out), "nothing written for " + option);
        }
    }

    /** {exit code, stdout}. */
    private static String[] run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "organism";
        System.arraycopy(args, 0, all, 1, args.length);
        Cli.Outcome o = Cli.run(all);
        return new String[]{Integer.toString(o.exit()), o.out()};
    }
}
