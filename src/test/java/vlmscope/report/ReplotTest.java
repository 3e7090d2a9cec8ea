package vlmscope.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.VlmscopeException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Re-plotting a results folder by its experiment name, and the one-line errors for folders that cannot be plotted. */
class ReplotTest {

    private static final Map<String, FigureMaker> MAKERS = Map.of(SyntheticResults.EXPERIMENT, new SyntheticResults.ToyFigure());

    @Test
    void remakesFiguresFromResultsAlone(@TempDir Path tmp) throws Exception {
        Path dir = SyntheticResults.write(tmp.resolve("run"), 4, true);
        ResultsFolder folder = ResultsFolder.open(dir);
        assertEquals(SyntheticResults.EXPERIMENT, folder.experiment());
        assertEquals(8, folder.results().records().size());
        assertEquals(3, folder.summary().path("samples").asInt());
        Replot.figures(folder, folder.figuresDir(), MAKERS);
        String svg = Files.readString(dir.resolve("figures/shift_by_layer.svg"));
        assertTrue(svg.contains(">Belief shift by layer<") && svg.contains(">objects<") && svg.contains(">image<"));
        assertTrue(Files.size(dir.resolve("figures/shift_by_layer.png")) > 1000);
        assertEquals(folder.experiment(), ResultsFolder.open(dir.resolve("results.jsonl")).experiment(), "the file itself also opens");
    }

    @Test
    void missingResultsNameTheFileAndTheFix(@TempDir Path tmp) {
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> ResultsFolder.open(tmp.resolve("nowhere")));
        assertEquals(tmp.resolve("nowhere/results.jsonl") + ": no results file here. Fix: pass a folder written by an "
                + "experiment command (it holds results.jsonl)", e.getMessage());
    }

    @Test
    void emptyOrHeaderOnlyResultsAreRefused(@TempDir Path tmp) throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("results.jsonl"), "");
        VlmscopeException noHeader = assertThrows(VlmscopeException.class, () -> ResultsFolder.open(empty));
        assertTrue(noHeader.getMessage().startsWith(empty.resolve("results.jsonl") + ": no header line"), noHeader.getMessage());

        Path dir = SyntheticResults.write(tmp.resolve("headerOnly"), 3, false);
        String headerLine = Files.readAllLines(dir.resolve("results.jsonl")).getFirst();
        Files.writeString(dir.resolve("results.jsonl"), headerLine + "\n");
        VlmscopeException noRecords = assertThrows(VlmscopeException.class, () -> ResultsFolder.open(dir));
        assertTrue(noRecords.getMessage().contains("a header but no records. Fix: run the experiment"), noRecords.getMessage());
        assertFalse(noRecords.getMessage().contains("\n"));
    }

    @Test
    void unknownExperimentListsTheKnownOnes(@TempDir Path tmp) {
        ResultsFolder folder = ResultsFolder.open(SyntheticResults.write(tmp.resolve("run"), 3, false));
        VlmscopeException e = assertThrows(VlmscopeException.class,
                () -> Replot.figures(folder, tmp.resolve("figs"), Map.of("swap", new SyntheticResults.ToyFigure())));
        assertEquals(folder.resultsFile() + ": experiment 'toy-layers' has no figure maker (known: swap). Fix: check the "
                + "header's \"experiment\" name, or use a vlmscope version that plots it", e.getMessage());
        assertFalse(Files.exists(tmp.resolve("figs")), "nothing written");
    }

    @Test
    void malformedSummaryIsAClearError(@TempDir Path tmp) throws Exception {
        Path dir = SyntheticResults.write(tmp.resolve("run"), 3, false);
        Files.writeString(dir.resolve("summary.json"), "{\"peak\": ");
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> ResultsFolder.open(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("summary.json") + ": not valid JSON"), e.getMessage());
    }
}
