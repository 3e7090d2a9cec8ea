package vlmscope.report;

import vlmscope.VlmscopeException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A figure: a grid of {@link Panel}s with an optional super-title, written as SVG and PNG (100 dpi) from the same
 * drawing calls. Sizes are in inches, as matplotlib's {@code figsize}.
 */
public final class Figure {

    /** Raster resolution and the SVG's nominal pixel size. */
    public static final double DPI = 100;
    private static final double SUPTITLE_SIZE = 13;

    private final int rows;
    private final int cols;
    private final double width; // points
    private final double height; // points
    private final Panel[][] panels; // [rows, cols]
    private String title;

    private Figure(int rows, int cols, double widthInches, double heightInches) {
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("a figure needs at least one row and column");
        if (!(widthInches > 0 && heightInches > 0)) throw new IllegalArgumentException("figure size must be positive");
        this.rows = rows;
        this.cols = cols;
        this.width = widthInches * 72;
        this.height = heightInches * 72;
        this.panels = new Panel[rows][cols];
    }

    /** A {@code rows × cols} grid of panels on a {@code widthInches × heightInches} figure. */
    public static Figure grid(int rows, int cols, double widthInches, double heightInches) {
        return new Figure(rows, cols, widthInches, heightInches);
    }

    /** The super-title above all panels. */
    public Figure title(String text) {
        title = text;
        return this;
    }

    /** Puts {@code panel} in cell (row, col), 0-based; empty cells stay blank. */
    public Figure panel(int row, int col, Panel panel) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IllegalArgumentException("cell (" + row + ", " + col + ") outside a " + rows + "×" + cols + " grid");
        }
        panels[row][col] = panel;
        return this;
    }

    /** Pixel size of the PNG: {width, height}. */
    public int[] pixelSize() {
        return new int[]{(int) Math.round(width * DPI / 72), (int) Math.round(height * DPI / 72)};
    }

    /** The SVG document; clip-path ids start with {@code idPrefix}. */
    public String svg(String idPrefix) {
        SvgCanvas canvas = new SvgCanvas(width, height, DPI, idPrefix);
        draw(canvas);
        return canvas.document();
    }

    /** The raster at {@link #DPI}. */
    public BufferedImage png() {
        RasterCanvas canvas = new RasterCanvas(width, height, DPI);
        draw(canvas);
        return canvas.finish();
    }

    /** Writes {@code dir/baseName.svg} and {@code dir/baseName.png}, each atomically (temp file + rename). */
    public void write(Path dir, String baseName) {
        Path svgFile = dir.resolve(baseName + ".svg");
        Path pngFile = dir.resolve(baseName + ".png");
        try {
            Files.createDirectories(dir);
            Path tmpSvg = dir.resolve("." + baseName + ".svg.tmp");
            Path tmpPng = dir.resolve("." + baseName + ".png.tmp");
            try {
                Files.writeString(tmpSvg, svg(baseName), StandardCharsets.UTF_8);
                if (!ImageIO.write(png(), "png", tmpPng.toFile())) throw new IOException("no PNG writer");
                Files.move(tmpSvg, svgFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmpPng, pngFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmpSvg);
                Files.deleteIfExists(tmpPng);
            }
        } catch (IOException e) {
            throw VlmscopeException.badInput(dir, "cannot write figure " + baseName + " (" + e.getMessage() + ")",
                    "check the figures folder is writable", e);
        }
    }

    private void draw(Canvas c) {
        double top = 0;
        if (!XyFrame.blank(title)) {
            c.text(width / 2, 8, title, TextStyle.of(SUPTITLE_SIZE).align(TextStyle.HAlign.MIDDLE, TextStyle.VAlign.TOP));
            top = 8 + TextMetrics.height(SUPTITLE_SIZE) + 2;
        }
        double cellW = width / cols;
        double cellH = (height - top) / rows;
        for (int r = 0; r < rows; r++) {
            for (int col = 0; col < cols; col++) {
                if (panels[r][col] != null) panels[r][col].draw(c, new Rect(col * cellW, top + r * cellH, cellW, cellH));
            }
        }
    }
}
