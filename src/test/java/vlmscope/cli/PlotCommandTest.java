package vlmscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.VlmscopeException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code vlmscope plot}: every folder is checked before anything is written. */
class PlotCommandTest {

    @Test
    void refusesAMissingFolderBeforeWritingAnything(@TempDir Path tmp) throws Exception {
        Path good = Files.createDirectories(tmp.resolve("good"));
        Files.writeString(good.resolve("results.jsonl"), "{\"header\":{\"experiment\":\"not-registered\"}}\n{\"key\":\"a\",\"v\":1}\n");
        PlotCommand plot = new PlotCommand();
        plot.results = new ResultsFolderArguments();
        plot.results.folders = List.of(good, tmp.resolve("missing"));
        VlmscopeException missing = assertThrows(VlmscopeException.class, plot::call);
        assertTrue(missing.getMessage().startsWith(tmp.resolve("missing/results.jsonl") + ": no results file here. Fix:"));
        plot.results.folders = List.of(good);
        VlmscopeException unknown = assertThrows(VlmscopeException.class, plot::call);
        assertTrue(unknown.getMessage().contains("experiment 'not-registered' has no figure maker"), unknown.getMessage());
        assertFalse(Files.exists(good.resolve("figures")));
    }
}
