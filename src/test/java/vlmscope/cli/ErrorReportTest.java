package vlmscope.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.results.ResultStore;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The top-level handler: one line for every failure, exit 2 for what the user can fix, 1 for bugs, traces on --debug. */
class ErrorReportTest {

    private static String[] report(Throwable t, boolean debug) {
        StringWriter err = new StringWriter();
        int code = ErrorReport.report(t, new PrintWriter(err, true), debug);
        return new String[]{Integer.toString(code), err.toString()};
    }

    @Test
    void aFullDiskIsOneLineWithExitTwo() {
        String[] r = report(new UncheckedIOException("writing runs/x/results.jsonl", new IOException("No space left on device")), false);
        assertEquals("2", r[0]);
        assertEquals(1, r[1].strip().lines().count(), r[1]);
        assertTrue(r[1].contains("writing runs/x/results.jsonl: IOException: No space left on device") && r[1].contains("Fix:")
                && r[1].contains("resumes"), r[1]);
    }

    @Test
    void outOfMemoryIsOneLineWithExitTwo() {
        String[] r = report(new OutOfMemoryError("Java heap space"), false);
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("out of memory") && r[1].contains("VLMSCOPE_JAVA_OPTS"), r[1]);
    }

    @Test
    void aBugIsOneLineWithExitOneAndTheTraceOnlyOnDebug() {
        RuntimeException bug = new IllegalStateException("index 7 out of bounds");
        String[] r = report(bug, false);
        assertEquals("1", r[0]);
        assertEquals(1, r[1].strip().lines().count(), r[1]);
        assertTrue(r[1].contains("IllegalStateException: index 7 out of bounds") && r[1].contains("--debug"), r[1]);
        String[] d = report(bug, true);
        assertEquals("1", d[0]);
        assertTrue(d[1].contains("\tat vlmscope.cli.ErrorReportTest"), d[1]);
    }

    /**
     * What a full disk leaves behind: complete records, then part of the record being written. The store resumes
     * from it: the complete records stay, the torn one is computed again.
     */
    @Test
    void theStoreResumesAfterAFailedWrite(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("results.jsonl");
        ObjectNode header = ExperimentOutput.object().put("experiment", "t");
        try (ResultStore store = ResultStore.open(file, header)) {
            store.append("a", ExperimentOutput.object().put("v", 1));
            store.append("b", ExperimentOutput.object().put("v", 2));
        }
        Files.writeString(file, "{\"key\":\"c\",\"v\":", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (ResultStore store = ResultStore.open(file, header)) {
            assertEquals(2, store.size());
            assertFalse(store.has("c"));
            store.append("c", ExperimentOutput.object().put("v", 3));
        }
        assertEquals(3, ResultStore.read(file).records().size());
    }
}
