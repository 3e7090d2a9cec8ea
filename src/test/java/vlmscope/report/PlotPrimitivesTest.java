package vlmscope.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plotting primitives: SVG is valid XML with the expected texts, PNG decodes and is drawn, output is deterministic. */
class PlotPrimitivesTest {

    private static final double NAN = Double.NaN;

    /** A figure using every panel kind, with NaNs in places. */
    static Figure sampleFigure(String title) {
        double[] x = {0, 1, 2, 3, 4, 5};
        LinePanel lines = new LinePanel("Belief shift", "layer", "shift")
                .line("objects", x, new double[]{0, 0.2, NAN, 0.6, 0.8, 1.0})
                .band("objects", x, new double[]{-0.1, 0.1, 0.2, 0.5, 0.7, 0.9}, new double[]{0.1, 0.3, 0.4, 0.7, 0.9, 1.1})
                .line("image", x, new double[]{1, 0.8, 0.6, 0.4, 0.2, 0})
                .hline(0);
        BarPanel bars = new BarPanel("Accuracy", "task", "accuracy", false).categories("left", "right", "above")
                .series("clean", new double[]{0.9, 0.8, 0.7}, new double[]{0.05, 0.05, 0.05})
                .series("steered", new double[]{0.2, NAN, 0.4}, null);
        HeatmapPanel heat = new HeatmapPanel("Swap matrix", new String[]{"r0", "r1"}, new String[]{"c0", "c1", "c2"},
                new double[][]{{0, 0.5, 1}, {NAN, 0.25, 0.75}}).annotate(true);
        ScatterPanel scatter = new ScatterPanel("Plane", "axis u", "axis v").point(0, 0, Colours.TAB10[0], "origin")
                .point(1, 1, Colours.named("sandybrown"), "corner").arrow(0, 0, 1, 0, Colours.BLACK).text(1, 0, "u").equalAspect();
        return Figure.grid(2, 2, 8, 6).title(title).panel(0, 0, lines).panel(0, 1, bars).panel(1, 0, heat).panel(1, 1, scatter);
    }

    @Test
    void svgIsWellFormedXmlWithTitlesLabelsAndLegend() throws Exception {
        String svg = sampleFigure("Super <title> & more").svg("t");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getTagName());
        assertEquals("0 0 576 432", root.getAttribute("viewBox"));
        assertEquals("800", root.getAttribute("width"));
        List<String> texts = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagName("text");
        for (int i = 0; i < nodes.getLength(); i++) texts.add(nodes.item(i).getTextContent());
        for (String expected : List.of("Super <title> & more", "Belief shift", "layer", "shift", "objects", "image",
                "Accuracy", "task", "clean", "steered", "left", "Swap matrix", "r0", "c2", "0.75", "Plane", "axis u",
                "origin", "corner", "u")) {
            assertTrue(texts.contains(expected), "missing text '" + expected + "' in " + texts);
        }
        assertFalse(svg.contains("NaN"), "no NaN coordinates");
        assertFalse(svg.contains("url(http"), "no external resources");
    }

    @Test
    void pngHasTheFigureSizeAndIsDrawn(@TempDir Path dir) throws Exception {
        Figure figure = sampleFigure("PNG");
        figure.write(dir, "sample");
        BufferedImage png = ImageIO.read(dir.resolve("sample.png").toFile());
        assertEquals(800, png.getWidth());
        assertEquals(600, png.getHeight());
        int ink = 0;
        boolean tabBlue = false;
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                int rgb = png.getRGB(x, y) & 0xffffff;
                if (rgb != 0xffffff) ink++;
                if (rgb == 0x1f77b4) tabBlue = true;
            }
        }
        assertTrue(ink > png.getWidth() * png.getHeight() / 20, "only " + ink + " non-white pixels");
        assertTrue(tabBlue, "the first tab10 colour is drawn somewhere (bars)");
        try (var files = Files.list(dir)) {
            assertEquals(List.of("sample.png", "sample.svg"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "both files and no temp leftovers");
        }
    }

    @Test
    void sameInputGivesIdenticalBytes(@TempDir Path dir) throws Exception {
        sampleFigure("Same").write(dir.resolve("a"), "f");
        sampleFigure("Same").write(dir.resolve("b"), "f");
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/f.svg")), Files.readAllBytes(dir.resolve("b/f.svg")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/f.png")), Files.readAllBytes(dir.resolve("b/f.png")));
    }

    @Test
    void nanBreaksLinesAndBandsAndAllNanDrawsNothing() {
        double[] x = {0, 1, 2, 3, 4};
        String broken = Figure.grid(1, 1, 4, 3).panel(0, 0, new LinePanel("t", "x", "y")
                .line("a", x, new double[]{0, 1, NAN, 3, 4})
                .band("a", x, new double[]{0, NAN, 1, 2, 3}, new double[]{1, 2, 3, 4, 5})).svg("n");
        assertEquals(2, count(broken, "<polyline"), "a line with one NaN in the middle is two segments");
        assertEquals(2, count(broken, "<polygon"), "a band with one NaN is two fills");
        String blank = Figure.grid(1, 1, 4, 3).panel(0, 0, new LinePanel("t", "x", "y")
                .line("a", new double[]{0, 1}, new double[]{NAN, NAN})).svg("n");
        assertEquals(0, count(blank, "<polyline"));
        assertFalse(blank.contains("NaN"));
        String lonely = Figure.grid(1, 1, 4, 3).panel(0, 0, new LinePanel("t", "x", "y")
                .line(null, x, new double[]{NAN, 1, NAN, NAN, NAN})).svg("n");
        assertEquals(0, count(lonely, "<polyline"));
        assertEquals(1, count(lonely, "<circle"), "an isolated finite point still shows as a dot");
    }

    @Test
    void heatmapLeavesNanCellsBlank() {
        String top = "fill=\"#fde725\""; // viridis at 1.0: only a cell of value 1 has exactly this colour
        String full = Figure.grid(1, 1, 4, 3).panel(0, 0, new HeatmapPanel("h", new String[]{"a", "b"},
                new String[]{"x", "y"}, new double[][]{{0, 1}, {1, 1}}).range(0, 1)).svg("h");
        String holes = Figure.grid(1, 1, 4, 3).panel(0, 0, new HeatmapPanel("h", new String[]{"a", "b"},
                new String[]{"x", "y"}, new double[][]{{0, NAN}, {NAN, 1}}).range(0, 1)).svg("h");
        assertEquals(3, count(full, top));
        assertEquals(1, count(holes, top));
    }

    @Test
    void barsGrowFromZeroAndErrorBarsSpanValuePlusMinusError() {
        // one bar of 0.5 ± 0.1 on a fixed 0..1 axis: the bar's top and the error bar ends sit at 0.5, 0.4, 0.6 of the height
        String svg = Figure.grid(1, 1, 4, 4).panel(0, 0, new BarPanel(null, null, null, false).categories("a")
                .series(null, new double[]{0.5}, new double[]{0.1}).valueRange(0, 1)).svg("b");
        Matcher bar = Pattern.compile("<rect x=\"[^\"]+\" y=\"([^\"]+)\" width=\"[^\"]+\" height=\"([^\"]+)\" fill=\"#1f77b4\"").matcher(svg);
        assertTrue(bar.find(), svg);
        double top = Double.parseDouble(bar.group(1));
        double bottom = top + Double.parseDouble(bar.group(2));
        Matcher err = Pattern.compile("<line x1=\"([^\"]+)\" y1=\"([^\"]+)\" x2=\"\\1\" y2=\"([^\"]+)\" stroke=\"#000000\" stroke-width=\"1\"/>").matcher(svg);
        assertTrue(err.find(), svg);
        double lo = Double.parseDouble(err.group(2));
        double hi = Double.parseDouble(err.group(3));
        double unit = bottom - top; // 0.5 of the axis in points
        assertEquals(bottom - 0.8 * unit, lo, 0.02, "0.4 end");
        assertEquals(bottom - 1.2 * unit, hi, 0.02, "0.6 end");
    }

    @Test
    void colours() {
        assertEquals("#87ceeb", Colours.named("skyblue").rgbHex());
        assertEquals("#6495ed", Colours.named("CornflowerBlue").rgbHex());
        assertEquals("#ffdab9", Colours.named("peachpuff").rgbHex());
        assertEquals("#f4a460", Colours.named("sandybrown").rgbHex());
        assertEquals("#808080", Colours.named("gray").rgbHex());
        assertEquals("#ff7f0e", Colours.TAB10[1].rgbHex());
        assertEquals(Colours.TAB10[3], Colours.named("tab:red"));
        assertEquals(Colours.TAB10[0], Colours.cycle(10));
        assertThrows(IllegalArgumentException.class, () -> Colours.named("octarine"));
        assertEquals("#440154", ColourMap.VIRIDIS.at(0).rgbHex());
        assertEquals("#fde725", ColourMap.VIRIDIS.at(1).rgbHex());
        assertEquals("#21918c", ColourMap.VIRIDIS.at(0.5).rgbHex());
        assertEquals("#f7f7f7", ColourMap.RDBU_R.at(0.5).rgbHex());
    }

    @Test
    void badPanelInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LinePanel("t", "x", "y").line("a", new double[2], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> new BarPanel("t", "x", "y", true).categories("a", "b").series("s", new double[3], null));
        assertThrows(IllegalArgumentException.class, () -> new HeatmapPanel("t", new String[]{"a"}, new String[]{"x"}, new double[2][1]));
        assertThrows(IllegalArgumentException.class, () -> new LinePanel("t", "x", "y").yRange(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Figure.grid(1, 1, 4, 3).panel(1, 0, new LinePanel("t", "x", "y")));
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) n++;
        return n;
    }
}
