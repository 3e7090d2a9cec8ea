package vlmscope.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code vlmscope demo --tiny} on the committed organism: every step finishes, the report exists, a rerun reuses all. */
class DemoTest {

    static final Path ORGANISM = Path.of("models/organism");

    @Test
    void tinyDemoRunsEveryExperimentAndReusesFinishedWork(@TempDir Path tmp) {
        Path runs = tmp.resolve("demo");
        String first = run("demo", "--tiny", "--model", ORGANISM.toString(), "--out", runs.toString());
        List<DemoStep> steps = DemoPlan.steps(ORGANISM, runs, DemoPlan.Size.TINY, 0, 64, 6);
        for (DemoStep step : steps) {
            assertTrue(step.finished(), step.title() + " left no summary.json in " + step.out() + "\n" + first);
        }
        Path index = runs.resolve("report/index.html");
        assertTrue(Files.exists(index), "report written");
        String second = run("demo", "--tiny", "--model", ORGANISM.toString(), "--out", runs.toString());
        long reused = second.lines().filter(l -> l.contains("done earlier")).count();
        assertEquals(steps.size(), reused, "a rerun reuses every finished step:\n" + second);
    }

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.run(args);
            assertEquals(0, exit, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
