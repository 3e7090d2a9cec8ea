package vlmscope.experiments.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.report.ColourMap;
import vlmscope.report.Colours;
import vlmscope.report.Figure;
import vlmscope.report.CaptionedFigure;
import vlmscope.report.LinePanel;
import vlmscope.report.ScatterPanel;
import vlmscope.results.ResultStore;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Fig 10B: the 1-D PCA of the per-frame temporal IDs at the headline layer — each frame's normalised score on the
 * line (coloured early → late), the text anchors "before" (B) and "after" (A) projected the same way — and, beside
 * it, the axis' explained variance and its rank correlation with time at every layer.
 */
public final class TemporalIdFigure extends CaptionedFigure {

    public TemporalIdFigure() {
        super("Temporal IDs: mean residual row of an object word when the object first appears at frame f, averaged over"
                + " objects; 1-D PCA with frame 0 scored below the last frame, scores min-max normalised, and the text"
                + " anchors \"before\"/\"after\" from a text-only prompt projected on the same axis.",
                TemporalHeadlines::ids);
    }

    @Override
    public void make(ResultStore.Contents results, Path figuresDir) {
        JsonNode settings = results.header().path("settings");
        int frames = settings.path("frames").asInt();
        if (results.records().stream().noneMatch(r -> r.has("o1"))) return;
        Map<Integer, double[][]> ids = TemporalIds.frameIds(results.records(), frames,
                settings.path("paper_compat").asBoolean(false));
        Map<Integer, double[][]> anchors = TemporalIds.anchors(results.records());
        int layer = TemporalIds.analysisLayer(settings, ids);
        TemporalAxis axis = TemporalAxis.fit(ids.get(layer));
        ScatterPanel line = new ScatterPanel(String.format(Locale.ROOT, "1-D PCA of frame IDs at layer %d (explained %.2f)",
                layer, axis.explained()), "normalised score (early → late)", "");
        double[] scores = axis.normalisedScores();
        for (int f = 0; f < frames; f++) {
            line.point(scores[f], 0, ColourMap.VIRIDIS.at(frames == 1 ? 0 : (double) f / (frames - 1)), "frame " + f);
        }
        if (anchors.containsKey(layer)) {
            double b = axis.normalised(anchors.get(layer)[0]), a = axis.normalised(anchors.get(layer)[1]);
            if (Double.isFinite(b)) line.point(b, 0.2, Colours.BLACK, "\"before\" (text)").text(b, 0.3, "B");
            if (Double.isFinite(a)) line.point(a, -0.2, Colours.BLACK, "\"after\" (text)").text(a, -0.1, "A");
        }
        double[] x = new double[ids.size()], explained = new double[x.length], rank = new double[x.length];
        int i = 0;
        for (var e : ids.entrySet()) {
            TemporalAxis ax = TemporalAxis.fit(e.getValue());
            x[i] = e.getKey();
            explained[i] = ax.explained();
            rank[i++] = ax.rankCorrelation();
        }
        LinePanel perLayer = new LinePanel("Temporal axis by layer", "layer (block index)", "")
                .line("explained variance (PC1)", x, explained, Colours.cycle(0))
                .line("rank correlation with time", x, rank, Colours.cycle(1)).markers(true).yRange(-1, 1).hline(0);
        Figure.grid(1, 2, 13, 3.5).title("Temporal IDs").panel(0, 0, line).panel(0, 1, perLayer)
                .write(figuresDir, "temporal_id_pca");
    }
}
