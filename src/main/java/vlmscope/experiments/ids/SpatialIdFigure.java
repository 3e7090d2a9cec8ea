package vlmscope.experiments.ids;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.report.Colour;
import vlmscope.report.Colours;
import vlmscope.report.Figure;
import vlmscope.report.CaptionedFigure;
import vlmscope.report.LinePanel;
import vlmscope.report.ScatterPanel;
import vlmscope.results.ResultStore;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fig 5 from an {@code ids} results folder: (left) the universal spatial IDs of the m×m cells at the best layer
 * projected on the plane of the x/y axes (paper 1/36 form), coloured by cell — hue by column, lighter for upper rows —
 * with grey arrows from each cell to its right and lower neighbour, and the text-only anchors of that layer as black
 * words; (right) the plane's explained variance per layer, with the strict-pair axes, the top-2 PCA share and the
 * baseline model's line when there is one.
 */
public final class SpatialIdFigure extends CaptionedFigure {

    /** The paper's hue per column: red, orange, green, blue (tab10 #3, #1, #2, #0), then the rest of tab10. */
    private static final int[] COLUMN_HUES = {3, 1, 2, 0, 4, 5, 6, 7, 8, 9};

    public SpatialIdFigure() {
        super("Universal spatial IDs of the grid cells projected on the plane of the horizontal and vertical axis vectors"
                + " at the layer where that plane explains most ID variance (hue = column, lighter = upper row; arrows point"
                + " to the right and lower neighbour; black words = text-only anchors), and the explained variance per layer"
                + " beside the baseline model's, the 95th percentile of the same share with the 16 cell labels shuffled (the"
                + " null: a layer's plane means something only above it; summary.json gives each layer's permutation p-value)"
                + " and the leave-one-cell-out R² of a linear map from (column, row) to the ID.",
                SpatialIdHeadline::of);
    }

    @Override
    public void make(ResultStore.Contents results, Path figuresDir) {
        Map<Integer, JsonNode> model = new TreeMap<>(), baseline = new TreeMap<>();
        for (JsonNode r : results.records())
            if (r.path("kind").asText().equals("plane") && r.path("set").asText().equals("universal"))
                (r.path("role").asText().equals("model") ? model : baseline).put(r.path("layer").asInt(), r);
        if (model.isEmpty()) return;
        int best = model.keySet().iterator().next();
        for (Map.Entry<Integer, JsonNode> e : model.entrySet())
            if (e.getValue().path("explained").asDouble() > model.get(best).path("explained").asDouble()) best = e.getKey();
        JsonNode fit = model.get(best);

        ScatterPanel scatter = new ScatterPanel(String.format(Locale.ROOT,
                "Universal IDs, layer L%d (explained %.2f)", best, fit.path("explained").asDouble()),
                "ID · u  (x axis: right →)", "ID · v  (y axis: +v = lower rows)").equalAspect();
        int m = (int) Math.round(Math.sqrt(fit.path("points").size()));
        double[][][] xy = new double[m][m][];
        for (JsonNode p : fit.path("points")) xy[p.path("x").asInt()][p.path("y").asInt()] = new double[] {p.path("c1").asDouble(), p.path("c2").asDouble()};
        for (int x = 0; x < m; x++)
            for (int y = 0; y < m; y++) {
                if (x + 1 < m) scatter.arrow(xy[x][y][0], xy[x][y][1], xy[x + 1][y][0], xy[x + 1][y][1], Colours.GRAY.withAlpha(0.5));
                if (y + 1 < m) scatter.arrow(xy[x][y][0], xy[x][y][1], xy[x][y + 1][0], xy[x][y + 1][1], Colours.GRAY.withAlpha(0.5));
            }
        for (int x = 0; x < m; x++)
            for (int y = 0; y < m; y++)
                scatter.point(xy[x][y][0], xy[x][y][1], cellColour(x, y, m), y == 0 ? "column " + x : null);
        for (JsonNode r : results.records())
            if (r.path("kind").asText().equals("anchor") && r.path("role").asText().equals("model") && r.path("layer").asInt() == best) {
                double c1 = r.path("c1").asDouble(), c2 = r.path("c2").asDouble();
                scatter.point(c1, c2, Colours.BLACK, null);
                scatter.text(c1, c2, r.path("word").asText() + " (" + r.path("anchor").asText() + ")");
            }

        LinePanel lines = new LinePanel("Variance of the IDs in the axes plane", "layer L (blocks.L.resid_post)", "explained variance")
                .yRange(0, 1.05).markers(true);
        lines.line("paper axes", layers(model), values(model, "explained"), Colours.TAB10[0]);
        lines.line("strict-pair axes", layers(model), values(model, "explained_strict"), Colours.TAB10[1]);
        lines.line("top-2 PCA (upper bound)", layers(model), values(model, "pca2"), Colours.GRAY, true);
        if (model.values().stream().allMatch(r -> r.has("null_p95"))) {
            lines.line("shuffled-cell null, 95th percentile", layers(model), values(model, "null_p95"), Colours.TAB10[7], true);
            lines.line("cross-validated R² (position → ID)", layers(model), values(model, "cv_r2"), Colours.TAB10[2]);
        }
        if (!baseline.isEmpty())
            lines.line("baseline model, paper axes", layers(baseline), values(baseline, "explained"), Colours.TAB10[3], true);

        Figure.grid(1, 2, 12, 5.5).title("Spatial IDs on the x/y axes plane (Fig 5)")
                .panel(0, 0, scatter).panel(0, 1, lines).write(figuresDir, "fig5_spatial_ids");
    }

    /** Hue by column, lightness by row: row 0 mixed half-way to white, the last row a third of the way to black. */
    static Colour cellColour(int x, int y, int m) {
        Colour base = Colours.TAB10[COLUMN_HUES[x % COLUMN_HUES.length]];
        double t = m == 1 ? 0.5 : (double) y / (m - 1);
        return t < 0.5 ? base.mix(Colours.WHITE, 0.5 * (1 - 2 * t)) : base.mix(Colours.BLACK, 0.35 * (2 * t - 1));
    }

    private static double[] layers(Map<Integer, JsonNode> byLayer) {
        return byLayer.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
    }

    private static double[] values(Map<Integer, JsonNode> byLayer, String field) {
        return byLayer.values().stream().mapToDouble(r -> r.path(field).asDouble(Double.NaN)).toArray();
    }
}
