package vlmscope.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.Json;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report in a real headless browser (Debian's chromium): every image decodes (the SVG is the one shown), every
 * figure URL also loads on its own, and nothing is reported as an error. Skipped where /usr/bin/chromium is absent.
 */
@Tag("browser")
class ReportBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** Injected first in the page's head of a test copy: records load failures and errors, then writes a JSON probe. */
    private static final String PROBE = """
            <script>
            (function () {
              var errors = [];
              window.addEventListener('error', function (e) {
                var t = e.target;
                errors.push(t && t !== window ? 'load failed: ' + (t.currentSrc || t.src || t.srcset) : String(e.message));
              }, true);
              var original = console.error;
              console.error = function () { errors.push('console.error: ' + Array.prototype.join.call(arguments, ' ')); original.apply(console, arguments); };
              window.addEventListener('load', function () {
                var images = Array.prototype.slice.call(document.images);
                var broken = images.filter(function (i) { return !i.complete || i.naturalWidth === 0; }).map(function (i) { return i.currentSrc || i.src; });
                var urls = [];
                document.querySelectorAll('img[src]').forEach(function (i) { urls.push(i.getAttribute('src')); });
                document.querySelectorAll('source[srcset]').forEach(function (s) { urls.push(s.getAttribute('srcset')); });
                var pending = urls.length, failed = [];
                function done() {
                  var p = document.createElement('pre');
                  p.id = 'probe';
                  p.textContent = JSON.stringify({images: images.length, shown: images.map(function (i) { return i.currentSrc.split('/').pop(); }),
                    widths: images.map(function (i) { return i.naturalWidth; }), broken: broken, failed: failed, urls: urls.length, errors: errors});
                  document.body.appendChild(p);
                }
                if (pending === 0) done();
                urls.forEach(function (u) {
                  var im = new Image();
                  im.onload = function () { if (--pending === 0) done(); };
                  im.onerror = function () { failed.push(u); if (--pending === 0) done(); };
                  im.src = u;
                });
              });
            })();
            </script>
            """;

    @Test
    void pageLoadsWithNoBrokenImagesAndNoErrors(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "chromium not installed at " + CHROMIUM);
        Path page = HtmlReportTest.build(tmp);
        String html = Files.readString(page);
        Path probePage = page.resolveSibling("probe.html");
        Files.writeString(probePage, html.replaceFirst("<head>\n", "<head>\n" + Matcher.quoteReplacement(PROBE)));

        Result dump = chromium(tmp, "--dump-dom", "--virtual-time-budget=10000", probePage.toUri().toString());
        Matcher m = Pattern.compile("<pre id=\"probe\">(.*?)</pre>", Pattern.DOTALL).matcher(dump.stdout());
        assertTrue(m.find(), "no probe output; chromium said:\n" + dump.stderr());
        JsonNode probe = Json.MAPPER.readTree(m.group(1).replace("&quot;", "\"").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&"));
        assertEquals(3, probe.path("images").asInt(), probe.toString());
        assertEquals(0, probe.path("broken").size(), "broken images: " + probe);
        assertEquals(0, probe.path("failed").size(), "figure files that do not load: " + probe);
        assertEquals(0, probe.path("errors").size(), "errors: " + probe);
        assertEquals(6, probe.path("urls").asInt(), "3 SVG sources + 3 PNG fallbacks");
        for (JsonNode shown : probe.path("shown")) assertTrue(shown.asText().endsWith(".svg"), "the browser shows the SVGs: " + probe);
        assertEquals(Math.round(6 * Figure.DPI), probe.path("widths").get(0).asInt(), "the SVG's intrinsic size is its 100 dpi size");
        List<String> consoleLines = dump.stderr().lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught")).toList();
        assertEquals(List.of(), consoleLines, "console messages");

        Path shot = tmp.resolve("shot.png");
        chromium(tmp, "--screenshot=" + shot, "--window-size=1200,1600", "--hide-scrollbars", page.toUri().toString());
        BufferedImage image = ImageIO.read(shot.toFile());
        assertEquals(1200, image.getWidth());
        assertTrue(distinctColours(image) > 50, "the screenshot shows a drawn page");
    }

    private record Result(String stdout, String stderr) {
    }

    private static Result chromium(Path tmp, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + tmp.resolve("profile"), "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(args));
        Path out = tmp.resolve("chromium.out");
        Path err = tmp.resolve("chromium.err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 60 s: " + Files.readString(err));
        }
        return new Result(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) for (int x = 0; x < image.getWidth(); x += 3) colours.add(image.getRGB(x, y));
        return colours.size();
    }
}
