package vlmscope.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.VlmscopeException;
import vlmscope.cli.Main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The report over mixed folders: non-experiment folders are skipped with a note; a bad summary.json is an error. */
class ReportFoldersTest {

    @TempDir
    Path tmp;

    @Test
    void nonExperimentFoldersAreSkippedNotFatal() throws IOException {
        Path a = SyntheticResults.write(tmp.resolve("runs/a"), 3, true);
        Path demo = Files.createDirectories(tmp.resolve("runs/demo"));
        Files.writeString(demo.resolve("notes.txt"), "not an experiment");
        Path report = tmp.resolve("report");
        assertEquals(0, Main.run("report", demo.toString(), a.toString(), "--out", report.toString()));
        String page = Files.readString(report.resolve("index.html"));
        assertTrue(page.contains("<h2>toy-layers</h2>"));
        assertFalse(page.contains("runs/demo"));
        assertFalse(ResultsFolder.isExperiment(demo));
        assertEquals(2, Main.run("report", demo.toString(), "--out", report.toString()), "nothing to report");
    }

    @Test
    void anEmptySummaryIsAnErrorNamingTheFile() throws IOException {
        Path a = SyntheticResults.write(tmp.resolve("a"), 3, true);
        Files.writeString(a.resolve("summary.json"), "");
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> ResultsFolder.open(a));
        assertEquals(a.resolve("summary.json") + ": empty (0 bytes or only blanks). Fix: re-run the experiment to rewrite it, or delete it",
                e.getMessage());
        assertEquals(2, Main.run("report", a.toString(), "--out", tmp.resolve("report").toString()));
    }

    @Test
    void aSummaryThatIsNotAnObjectIsAnError() throws IOException {
        Path a = SyntheticResults.write(tmp.resolve("a"), 3, true);
        Files.writeString(a.resolve("summary.json"), "[1, 2]");
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> ResultsFolder.open(a));
        assertTrue(e.getMessage().startsWith(a.resolve("summary.json") + ": holds a JSON array, not an object. Fix: "), e.getMessage());
    }
}
