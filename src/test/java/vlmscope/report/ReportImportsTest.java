package vlmscope.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code report} is the plotting kit and the HTML page: of vlmscope it may use only {@code results} and the root
 * package, so that experiments can import it (their figures live beside them) without a package cycle.
 */
class ReportImportsTest {

    private static final Path REPORT = Path.of("src/main/java/vlmscope/report");
    private static final Pattern VLMSCOPE_NAME = Pattern.compile("\\bvlmscope\\.([a-z]\\w*)\\.");

    @Test
    void reportUsesOnlyResultsAndTheRootPackage() throws IOException {
        List<String> offending = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(REPORT)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertFalse(sources.isEmpty(), "no sources under " + REPORT.toAbsolutePath());
        for (Path source : sources) {
            for (String line : Files.readAllLines(source)) {
                if (line.startsWith("package ")) continue;
                Matcher m = VLMSCOPE_NAME.matcher(line);
                while (m.find()) {
                    String pkg = m.group(1);
                    if (!pkg.equals("results") && !pkg.equals("report")) offending.add(source.getFileName() + ": " + line.strip());
                }
            }
        }
        assertEquals(List.of(), offending);
    }
}
