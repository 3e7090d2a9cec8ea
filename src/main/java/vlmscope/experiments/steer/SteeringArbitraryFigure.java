package vlmscope.experiments.steer;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.report.Colours;
import vlmscope.report.Figure;
import vlmscope.report.CaptionedFigure;
import vlmscope.report.HeatmapPanel;
import vlmscope.report.LinePanel;
import vlmscope.results.ResultStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fig 6 from an arbitrary-steering run. Every mode: per layer, a heatmap of the mean P(first answer word) over the
 * subject's target cell. Batch modes add, per layer and ground-truth label, the change in both answer words'
 * log-probs (mean ± sample std) along the paper's plotted cells: the top row left→right (6B, 6C) or the middle
 * column top→bottom (6D). Panels are titled by the label actually selected (the paper's titles are swapped).
 */
public final class SteeringArbitraryFigure extends CaptionedFigure {

    public SteeringArbitraryFigure() {
        super("The subject word's residual is moved by alpha*(U(c) - U(mirror c)) toward each grid cell c; heatmaps show"
                + " the mean probability of the first answer word, lines the change in each answer's log-prob.",
                ArbitraryHeadline::of);
    }

    @Override
    public void make(ResultStore.Contents results, Path figuresDir) {
        JsonNode settings = results.header().path("settings");
        ArbitrarySteering.Mode mode = ArbitrarySteering.Mode.parse(settings.path("mode").asText());
        int m = settings.path("gridSize").asInt();
        JsonNode s = ArbitrarySummary.of(results.records(), mode, m, settings.path("paperCompat").asBoolean());
        List<String> words = new ArrayList<>();
        s.path("words").forEach(w -> words.add(w.asText()));
        List<String> layers = new ArrayList<>();
        s.path("layers").fieldNames().forEachRemaining(layers::add);
        if (layers.isEmpty() || words.isEmpty()) return;
        List<String> labels = new ArrayList<>();
        if (mode != ArbitrarySteering.Mode.SINGLE) s.path("layers").path(layers.getFirst()).path("byLabel").fieldNames().forEachRemaining(labels::add);
        String[] cols = new String[m], rows = new String[m];
        for (int i = 0; i < m; i++) {
            cols[i] = "x" + i;
            rows[i] = "y" + i;
        }
        Figure fig = Figure.grid(layers.size(), 1 + labels.size(), 4.2 * (1 + labels.size()), 3.6 * layers.size())
                .title("Arbitrary steering (" + mode.label() + ")");
        for (int li = 0; li < layers.size(); li++) {
            JsonNode layer = s.path("layers").path(layers.get(li));
            fig.panel(li, 0, new HeatmapPanel("layer " + layers.get(li) + ": P(" + words.getFirst() + ")", rows, cols,
                    grid(layer.path("p_" + words.getFirst()), m)).range(0, 1).annotate(m <= 6).labels("subject target column", "row"));
            for (int k = 0; k < labels.size(); k++) {
                JsonNode byLabel = layer.path("byLabel").path(labels.get(k));
                LinePanel p = new LinePanel("layer " + layers.get(li) + ", true answer: " + labels.get(k),
                        "intervention ID on subject", "change in log prob (" + s.path("sign").asText() + ")");
                double[] x = new double[m];
                for (int i = 0; i < m; i++) x[i] = i;
                for (int w = 0; w < words.size(); w++) {
                    double[] mean = path(byLabel.path("delta_" + words.get(w)), m, mode);
                    double[] std = path(byLabel.path("std_" + words.get(w)), m, mode);
                    double[] lo = new double[m], hi = new double[m];
                    for (int i = 0; i < m; i++) {
                        double sd = Double.isNaN(std[i]) ? 0 : std[i];
                        lo[i] = mean[i] - sd;
                        hi[i] = mean[i] + sd;
                    }
                    p.band(words.get(w) + " ± std", x, lo, hi, Colours.TAB10[w]).line(words.get(w), x, mean, Colours.TAB10[w]);
                }
                fig.panel(li, 1 + k, p.hline(0));
            }
        }
        fig.write(figuresDir, "fig6_" + mode.label());
    }

    /** The plotted cells: the top row (6B/6C) or the middle column (6D). */
    private static double[] path(JsonNode grid, int m, ArbitrarySteering.Mode mode) {
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            JsonNode v = mode == ArbitrarySteering.Mode.IN_BETWEEN ? grid.path(i).path(m / 2) : grid.path(0).path(i);
            out[i] = v.isNumber() ? v.asDouble() : Double.NaN;
        }
        return out;
    }

    private static double[][] grid(JsonNode g, int m) {
        double[][] out = new double[m][m];
        for (int y = 0; y < m; y++)
            for (int x = 0; x < m; x++) out[y][x] = g.path(y).path(x).isNumber() ? g.path(y).path(x).asDouble() : Double.NaN;
        return out;
    }
}
