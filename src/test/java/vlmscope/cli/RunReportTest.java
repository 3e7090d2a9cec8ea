package vlmscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.experiments.Progress;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every experiment prints the same way, and a re-run of a finished experiment says it reused the stored results. */
class RunReportTest {

    @Test
    void countsWording() {
        assertEquals("computed 12 records", RunReport.counts(12, 0));
        assertEquals("computed 2 records, reused 10 stored", RunReport.counts(2, 10));
        assertEquals("reused 48 stored records; nothing to compute", RunReport.counts(0, 48));
    }

    @Test
    void aReRunReusesTheStoredRecords(@TempDir Path tmp) {
        String out = tmp.resolve("swap").toString();
        Cli.Outcome first = Cli.run("swap", "mirror", "--n", "1", "--layers", "0-0", "--out", out);
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().startsWith("swap mirror: computed 4 records\n"), first.out());
        assertTrue(first.out().contains("\nresults: " + out) && first.out().contains("\nsummary: ")
                && first.out().contains("\nfigures: "), first.out());
        assertTrue(!first.err().contains("\r") || Progress.stderrIsTerminal(), "plain progress lines in a pipe: " + first.err());
        Cli.Outcome second = Cli.run("swap", "mirror", "--n", "1", "--layers", "0-0", "--out", out);
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().startsWith("swap mirror: reused 4 stored records; nothing to compute\n"), second.out());
    }

}
