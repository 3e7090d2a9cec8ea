package vlmscope.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.Json;
import vlmscope.results.ResultStore;

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
    void aHeadlineOpensTheSectionAndFoldsTheRawNumbers(@TempDir Path tmp) throws Exception {
        Path a = SyntheticResults.write(tmp.resolve("runs/a/toy"), 5, true);
        FigureMaker withHeadline = new SyntheticResults.ToyFigure() {
            @Override
            public Headline headline(ResultStore.Contents results, com.fasterxml.jackson.databind.JsonNode summary) {
                return new Headline("Fig 4A — toy swapping", "Objects carry it.", "reproduced — rule: peak ≥ 0.5",
                        "random text tokens", "none", List.<String[]>of(new String[] {"peak shift", Headline.num(summary.path("mean_shift").asDouble())}));
            }
        };
        Path page = HtmlReport.write(List.of(ResultsFolder.open(a)), tmp.resolve("report"),
                Map.of(SyntheticResults.EXPERIMENT, withHeadline));
        String html = Files.readString(page);
        assertTrue(html.contains("<h2>Fig 4A — toy swapping</h2>"), "titled by the paper's figure");
        assertTrue(html.contains("<strong>Paper's claim.</strong> Objects carry it."), html);
        assertTrue(html.contains("<dt>Verdict</dt><dd>reproduced — rule: peak ≥ 0.5</dd><dt>Control</dt><dd>random text tokens</dd>"));
        assertTrue(html.contains("<table class=\"headline\">\n<tr><th>peak shift</th><td>0.123</td></tr>"), "headline table, 3 digits");
        int details = html.indexOf("<details>"), command = html.indexOf("<h3>Command</h3>"), end = html.indexOf("</details>");
        assertTrue(details > html.indexOf("class=\"headline\"") && details < command && command < end, "raw data folded away");
        assertEquals("—", Headline.num(Double.NaN));
        assertEquals("0.000123", Headline.num(0.00012345));
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
