package vlmscope.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The static HTML report: figures beside the page, caption, command, key numbers, run metadata, no external assets. */
class HtmlReportTest {

    private static final Map<String, FigureMaker> MAKERS = Map.of(SyntheticResults.EXPERIMENT, new SyntheticResults.ToyFigure());

    /** Two toy runs (one without summary) plus a run of an experiment with no maker but a figure on disk. */
    static Path build(Path tmp) {
        Path a = SyntheticResults.write(tmp.resolve("runs/a/toy"), 5, true);
        Path b = SyntheticResults.write(tmp.resolve("runs/b/toy"), 3, false);
        Path other = SyntheticResults.write(tmp.resolve("runs/other"), 3, true);
        try {
            String text = Files.readString(other.resolve("results.jsonl")).replaceFirst("\"toy-layers\"", "\"elsewhere\"");
            Files.writeString(other.resolve("results.jsonl"), text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Figure.grid(1, 1, 4, 3).panel(0, 0, new LinePanel("copied figure", "x", "y").line("c", new double[]{0, 1}, new double[]{1, 0}))
                .write(other.resolve("figures"), "kept");
        List<ResultsFolder> folders = Stream.of(a, b, other).map(ResultsFolder::open).toList();
        return HtmlReport.write(folders, tmp.resolve("report"), MAKERS);
    }

    @Test
    void pageHoldsEverySectionAndOnlyLocalFiles(@TempDir Path tmp) throws Exception {
        Path page = build(tmp);
        String html = Files.readString(page);
        assertTrue(html.contains("id=\"toy\"") && html.contains("id=\"toy-2\"") && html.contains("id=\"other\""), "distinct anchors");
        assertTrue(html.contains("Belief shift after patching each layer&apos;s residual stream"), "maker caption");
        assertTrue(html.contains("no figure maker for this experiment"), "generic caption for the unknown one");
        assertTrue(html.contains("vlmscope toy --out " + tmp.resolve("runs/a/toy") + " --n 3"), "command line");
        assertTrue(html.contains("<th>mean_shift</th><td>0.1235</td>"), "summary numbers to 4 significant digits");
        assertTrue(html.contains("<th>peak.objects_layer</th><td>4</td>"), "nested summary keys");
        assertTrue(html.contains("No summary.json"), "missing summary is said, not hidden");
        assertTrue(html.contains("<th>settings.seed</th><td>7</td>") && html.contains("<th>model</th><td>models/organism</td>")
                && html.contains("<th>dtype</th><td>fp32</td>") && html.contains("<th>started</th>"), "run metadata");
        assertFalse(html.contains("http://") || html.contains("https://"), "no external assets");

        Matcher refs = Pattern.compile("(?:src|srcset|href)=\"([^\"#]+)\"").matcher(html);
        int n = 0;
        while (refs.find()) {
            n++;
            assertTrue(Files.isRegularFile(page.getParent().resolve(refs.group(1))), "missing " + refs.group(1));
        }
        assertEquals(3 * 3, n, "three figures, each with SVG source, PNG img and a link");
        try (Stream<Path> all = Files.walk(page.getParent())) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
        }
    }

    @Test
    void helpersFormatValuesAndCommands() throws Exception {
        var json = Json.MAPPER;
        assertEquals("[1, 0.3333, —]", HtmlReport.value(json.readTree("[1, 0.333333, null]")));
        assertEquals("1.000e-05", HtmlReport.value(json.readTree("0.00001")));
        assertEquals("vlmscope swap --prompt 'is it left?' 'it'\\''s'",
                HtmlReport.command(json.readTree("[\"vlmscope\", \"swap\", \"--prompt\", \"is it left?\", \"it's\"]")));
    }
}
