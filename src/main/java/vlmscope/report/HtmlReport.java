package vlmscope.report;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.VlmscopeException;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One static HTML page (no server, no external assets) over several results folders: per folder its figures (SVG
 * with PNG fallback, re-made from the results into {@code out/<folder>/}), a caption, the command that made it, the
 * key numbers from summary.json and the run metadata from the results header.
 */
public final class HtmlReport {

    private static final String CSS = """
            :root { --ink: #1d2330; --muted: #5b6475; --line: #d8dde6; --band: #f5f7fa; --accent: #1f77b4; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
            header.page { padding: 28px 32px 12px; border-bottom: 1px solid var(--line); }
            header.page h1 { margin: 0 0 4px; font-size: 26px; }
            header.page p { margin: 0; color: var(--muted); }
            nav { padding: 8px 32px; background: var(--band); border-bottom: 1px solid var(--line); font-size: 14px; }
            nav a { margin-right: 18px; color: var(--accent); text-decoration: none; }
            main { max-width: 1180px; margin: 0 auto; padding: 8px 32px 48px; }
            section.experiment { padding: 24px 0 32px; border-bottom: 1px solid var(--line); }
            section.experiment h2 { margin: 0 0 2px; font-size: 21px; }
            .where { color: var(--muted); font-size: 13px; margin: 0 0 14px; word-break: break-all; }
            p.caption { margin: 6px 0 16px; max-width: 80ch; }
            figure { margin: 0 0 22px; }
            figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; }
            figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
            h3 { font-size: 15px; margin: 22px 0 8px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
            pre.command { background: var(--band); border: 1px solid var(--line); border-radius: 4px; padding: 10px 12px;
                          overflow-x: auto; font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", monospace; white-space: pre-wrap; word-break: break-all; }
            .tables { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 0 32px; }
            table { border-collapse: collapse; width: 100%; font-size: 14px; }
            th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { font-weight: 600; white-space: nowrap; }
            td { font-variant-numeric: tabular-nums; word-break: break-word; }
            tr:nth-child(even) td, tr:nth-child(even) th { background: var(--band); }
            .none { color: var(--muted); font-style: italic; }
            p.claim { margin: 4px 0 8px; max-width: 80ch; }
            dl.verdict { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0 14px; max-width: 90ch; }
            dl.verdict dt { font-weight: 600; color: var(--muted); }
            dl.verdict dd { margin: 0; }
            table.headline { width: auto; margin: 0 0 18px; }
            details { margin-top: 18px; }
            details summary { cursor: pointer; color: var(--accent); font-weight: 600; }
            """;

    private HtmlReport() {
    }

    /**
     * Writes {@code out/index.html} and the figures beside it; {@code makers} re-make each experiment's figures,
     * and a folder whose experiment has none shows the figures already in its figures/ folder. Returns the page.
     */
    public static Path write(List<ResultsFolder> folders, Path out, Map<String, FigureMaker> makers) {
        List<String> slugs = slugs(folders);
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>vlmscope report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<header class=\"page\"><h1>vlmscope report</h1><p>").append(folders.size())
                .append(folders.size() == 1 ? " experiment" : " experiments")
                .append(", figures re-made from stored results.</p></header>\n");
        if (folders.size() > 1) {
            html.append("<nav>");
            for (int i = 0; i < folders.size(); i++) {
                html.append("<a href=\"#").append(slugs.get(i)).append("\">").append(esc(slugs.get(i))).append("</a>");
            }
            html.append("</nav>\n");
        }
        html.append("<main>\n");
        for (int i = 0; i < folders.size(); i++) section(html, folders.get(i), slugs.get(i), out, makers.get(folders.get(i).experiment()));
        html.append("</main>\n</body>\n</html>\n");
        Path page = out.resolve("index.html");
        try {
            Files.createDirectories(out);
            Path tmp = out.resolve(".index.html.tmp");
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            Files.move(tmp, page, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw VlmscopeException.badInput(page, "cannot write the report (" + e.getMessage() + ")", "choose a writable --out folder", e);
        }
        return page;
    }

    private static void section(StringBuilder html, ResultsFolder folder, String slug, Path out, FigureMaker maker) {
        JsonNode header = folder.results().header();
        Path figures = out.resolve(slug);
        String caption;
        if (maker != null) {
            maker.make(folder.results(), figures);
            caption = maker.caption().isBlank() ? genericCaption(folder) : maker.caption();
        } else {
            copyFigures(folder.figuresDir(), figures);
            caption = genericCaption(folder) + " vlmscope has no figure maker for this experiment; the figures are copies of "
                    + "those found in its figures/ folder.";
        }
        Headline headline = maker == null ? null : maker.headline(folder.results(), folder.summary());
        String title = headline == null ? folder.experiment() : headline.figure();
        html.append("<section class=\"experiment\" id=\"").append(slug).append("\">\n<h2>").append(esc(title))
                .append("</h2>\n<p class=\"where\">").append(esc(folder.experiment())).append(" · ").append(esc(folder.dir().toString()))
                .append(" · ").append(folder.results().records().size()).append(" records</p>\n");
        if (headline != null) {
            html.append("<p class=\"claim\"><strong>Paper's claim.</strong> ").append(esc(headline.claim())).append("</p>\n")
                    .append("<dl class=\"verdict\"><dt>Verdict</dt><dd>").append(esc(headline.verdict()))
                    .append("</dd><dt>Control</dt><dd>").append(esc(headline.control()))
                    .append("</dd><dt>Null / test</dt><dd>").append(esc(headline.test())).append("</dd></dl>\n");
            if (!headline.numbers().isEmpty()) {
                html.append("<table class=\"headline\">\n");
                for (String[] row : headline.numbers()) {
                    html.append("<tr><th>").append(esc(row[0])).append("</th><td>").append(esc(row[1])).append("</td></tr>\n");
                }
                html.append("</table>\n");
            }
        }
        html.append("<p class=\"caption\">").append(esc(caption)).append("</p>\n");
        List<String> bases = figureNames(figures);
        if (bases.isEmpty()) html.append("<p class=\"none\">No figures.</p>\n");
        for (String base : bases) {
            boolean svg = Files.exists(figures.resolve(base + ".svg"));
            boolean png = Files.exists(figures.resolve(base + ".png"));
            String src = slug + "/" + base;
            html.append("<figure><picture>");
            if (svg && png) html.append("<source srcset=\"").append(esc(src)).append(".svg\" type=\"image/svg+xml\">");
            html.append("<img src=\"").append(esc(src)).append(png ? ".png" : ".svg").append("\" alt=\"").append(esc(base))
                    .append("\"></picture><figcaption>").append(esc(base)).append(" (<a href=\"").append(esc(src))
                    .append(svg ? ".svg\">SVG</a>" : ".png\">PNG</a>").append(")</figcaption></figure>\n");
        }
        if (headline != null) html.append("<details><summary>Settings, command and every stored number</summary>\n");
        html.append("<h3>Command</h3>\n<pre class=\"command\">").append(esc(command(header.get("command")))).append("</pre>\n");
        html.append("<div class=\"tables\">\n<div><h3>Key numbers</h3>\n");
        if (folder.summary() == null) html.append("<p class=\"none\">No summary.json (the run has not finished).</p>\n");
        else table(html, flatten(folder.summary()));
        html.append("</div>\n<div><h3>Run</h3>\n");
        List<String[]> meta = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : header.properties()) {
            if (field.getKey().equals("command") || field.getKey().equals("experiment")) continue;
            if (field.getKey().equals("settings") && field.getValue().isObject()) {
                for (String[] row : flatten(field.getValue())) meta.add(new String[]{"settings." + row[0], row[1]});
            } else {
                meta.add(new String[]{field.getKey(), value(field.getValue())});
            }
        }
        table(html, meta);
        html.append("</div>\n</div>\n");
        if (headline != null) html.append("</details>\n");
        html.append("</section>\n");
    }

    private static String genericCaption(ResultsFolder folder) {
        return "Figures of the " + folder.experiment() + " experiment, re-made from its " + folder.results().records().size()
                + " stored records.";
    }

    private static void table(StringBuilder html, List<String[]> rows) {
        html.append("<table>\n");
        for (String[] row : rows) {
            html.append("<tr><th>").append(esc(row[0])).append("</th><td>").append(esc(row[1])).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** Nested objects become dotted keys; arrays and scalars become one readable value each. */
    static List<String[]> flatten(JsonNode node) {
        List<String[]> rows = new ArrayList<>();
        flatten("", node, rows);
        return rows;
    }

    private static void flatten(String prefix, JsonNode node, List<String[]> rows) {
        if (node.isObject() && !node.isEmpty()) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), rows);
            }
        } else {
            rows.add(new String[]{prefix, value(node)});
        }
    }

    /** A JSON value for reading: numbers to 4 significant digits, arrays comma-separated, strings bare. */
    static String value(JsonNode v) {
        if (v == null || v.isNull()) return "—";
        if (v.isIntegralNumber()) return v.asText();
        if (v.isNumber()) {
            double d = v.asDouble();
            if (!Double.isFinite(d)) return Double.toString(d);
            double a = Math.abs(d);
            if (a != 0 && (a < 1e-4 || a >= 1e7)) return String.format(Locale.ROOT, "%.3e", d);
            return new BigDecimal(d).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode e : v) parts.add(value(e));
            return "[" + String.join(", ", parts) + "]";
        }
        if (v.isObject()) return v.toString();
        return v.asText();
    }

    /** The command line as one shell-ready string (words with spaces or quotes are single-quoted). */
    static String command(JsonNode command) {
        if (command == null || command.isNull()) return "(not recorded)";
        if (!command.isArray()) return command.asText();
        List<String> words = new ArrayList<>();
        for (JsonNode w : command) {
            String s = w.asText();
            words.add(s.matches("[A-Za-z0-9_./:=,+@%-]+") ? s : "'" + s.replace("'", "'\\''") + "'");
        }
        return String.join(" ", words);
    }

    private static List<String> slugs(List<ResultsFolder> folders) {
        List<String> slugs = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (ResultsFolder f : folders) {
            Path name = f.dir().toAbsolutePath().normalize().getFileName();
            String base = (name == null ? f.experiment() : name.toString()).replaceAll("[^A-Za-z0-9_-]+", "-");
            if (base.isEmpty() || base.equals("-")) base = "results";
            String slug = base;
            for (int k = 2; !used.add(slug); k++) slug = base + "-" + k;
            slugs.add(slug);
        }
        return slugs;
    }

    private static List<String> figureNames(Path dir) {
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .filter(n -> n.endsWith(".svg") || n.endsWith(".png"))
                    .forEach(n -> names.add(n.substring(0, n.length() - 4)));
        } catch (IOException e) {
            throw VlmscopeException.badInput(dir, "cannot list figures (" + e.getMessage() + ")", "check the folder", e);
        }
        return List.copyOf(names);
    }

    private static void copyFigures(Path from, Path to) {
        if (!Files.isDirectory(from)) return;
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> p.toString().endsWith(".svg") || p.toString().endsWith(".png")).sorted().toList()) {
                Path tmp = to.resolve("." + f.getFileName() + ".tmp");
                Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, to.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw VlmscopeException.badInput(from, "cannot copy figures (" + e.getMessage() + ")", "check both folders", e);
        }
    }

    static String esc(String s) {
        return SvgCanvas.escape(s);
    }
}
