package vlmscope.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs are killed at random points many times and resumed each time; the final results must equal an uninterrupted
 * run's: the same keys in the same order, the same values, no duplicates.
 */
class FaultInjectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS = 120;

    /** A deterministic stand-in for an experiment's record under {@code key}. */
    static ObjectNode record(int i) {
        SplittableRandom r = new SplittableRandom(1000L + i);
        ObjectNode o = JSON.createObjectNode().put("index", i).put("value", r.nextDouble());
        o.putArray("shifts").add(r.nextGaussian()).add(r.nextGaussian());
        return o;
    }

    static ObjectNode header() {
        ObjectNode h = JSON.createObjectNode().put("experiment", "fault-injection");
        h.set("settings", JSON.createObjectNode().put("records", RECORDS));
        return h;
    }

    /** Appends every missing record, or stops (as a kill would) after {@code budget} appends. */
    static boolean run(Path file, int budget) {
        try (ResultStore store = ResultStore.open(file, header())) {
            for (int i = 0; i < RECORDS; i++) {
                if (store.has("r" + i)) continue;
                if (budget-- == 0) return false;
                store.append("r" + i, record(i));
            }
            return true;
        }
    }

    private static void assertSameResults(Path expected, Path actual) {
        List<JsonNode> a = ResultStore.read(expected).records(), b = ResultStore.read(actual).records();
        assertEquals(RECORDS, a.size());
        assertEquals(a, b);
        assertEquals(RECORDS + 1, lines(actual), "no duplicates or leftovers in the file");
        assertTrue(ResultStore.read(actual).notes().isEmpty());
    }

    private static long lines(Path file) {
        try {
            return Files.readAllLines(file).size();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void inProcessKillsWithTornWritesResumeToTheUninterruptedResults(@TempDir Path tmp) throws IOException {
        Path whole = tmp.resolve("whole/results.jsonl");
        assertTrue(run(whole, -1));
        SplittableRandom random = new SplittableRandom(13);
        int kills = 0;
        for (int trial = 0; trial < 8; trial++) {
            Path file = tmp.resolve("killed" + trial + "/results.jsonl");
            while (!run(file, random.nextInt(20))) {
                kills++;
                // the kill cut the next record short: a random prefix of its line, with no newline
                int next = (int) lines(file) - 1;
                byte[] line = (JSON.writeValueAsString(JSON.createObjectNode().put("key", "r" + next).setAll(record(next))) + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                int cut = random.nextInt(line.length);
                Files.write(file, java.util.Arrays.copyOf(line, cut), StandardOpenOption.APPEND);
            }
            assertSameResults(whole, file);
        }
        assertTrue(kills > 50, kills + " kills");
    }

    @Test
    void processesKilledForciblyResumeToTheUninterruptedResults(@TempDir Path tmp) throws Exception {
        Path whole = tmp.resolve("whole/results.jsonl");
        assertTrue(run(whole, -1));
        Path file = tmp.resolve("killed/results.jsonl");
        SplittableRandom random = new SplittableRandom(5);
        Path stderr = tmp.resolve("stderr.txt");
        for (int kill = 0; kill < 3; kill++) {
            Process p = writer(file, stderr);
            assertEquals("open", new String(p.getInputStream().readNBytes(4)));
            Thread.sleep(random.nextInt(5, 60));
            p.destroyForcibly().waitFor();
            assertTrue(lines(file) < RECORDS + 1, "the kill landed part-way (" + lines(file) + " lines)");
        }
        Process last = writer(file, stderr);
        assertEquals(0, last.waitFor(), new String(last.getInputStream().readAllBytes()));
        assertSameResults(whole, file);
        assertTrue(Files.readString(stderr).contains("taking over the lock left by pid"), Files.readString(stderr));
    }

    private static Process writer(Path file, Path stderr) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Writer.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile())).start();
    }

    /** Writes the records into args[0], one per millisecond at most, so a kill within 60 ms lands part-way. */
    public static final class Writer {
        public static void main(String[] args) throws InterruptedException {
            Path file = Path.of(args[0]);
            try (ResultStore store = ResultStore.open(file, header())) {
                System.out.print("open");
                System.out.flush();
                for (int i = 0; i < RECORDS; i++) {
                    if (store.has("r" + i)) continue;
                    store.append("r" + i, record(i));
                    Thread.sleep(1);
                }
            }
        }
    }
}
