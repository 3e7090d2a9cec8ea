package vlmscope.experiments.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.report.Colours;
import vlmscope.report.Figure;
import vlmscope.report.CaptionedFigure;
import vlmscope.report.HeatmapPanel;
import vlmscope.report.LinePanel;
import vlmscope.results.ResultStore;

import java.nio.file.Path;
import java.util.Map;

/**
 * A17: the spatiotemporal ID grid — at the analysis layer, heatmaps of every (cell, start frame) ID projected on the
 * time, x and y axes (rows = grid cells, columns = frames; a separable code varies along one direction only), and
 * per layer the shares of the field's spread due to time, position and their interaction.
 */
public final class TemporalGridFigure extends CaptionedFigure {

    public TemporalGridFigure() {
        super("IDs over (position × time): the target word's residual row when the target fills one grid cell from one"
                + " start frame, averaged over targets; projections on 1-D axes of the frame means (time), column means (x)"
                + " and row means (y), min-max normalised; and the time / position / interaction shares of the spread.",
                TemporalHeadlines::grid);
    }

    @Override
    public void make(ResultStore.Contents results, Path figuresDir) {
        JsonNode settings = results.header().path("settings");
        int cells = settings.path("cells").asInt(), frames = settings.path("frames").asInt();
        long expected = (long) settings.path("kinds").asInt() * cells * cells * frames;
        if (results.records().size() < expected) return;
        Map<Integer, SpatiotemporalField> fields = TemporalGridExperiment.fields(results.header(), results.records());
        int layer = TemporalIds.analysisLayer(settings, fields);
        SpatiotemporalField field = fields.get(layer);
        TemporalGridExperiment.Axes axes = TemporalGridExperiment.Axes.of(field);
        String[] rows = new String[cells * cells], cols = new String[frames];
        for (int c = 0; c < rows.length; c++) rows[c] = "r" + c / cells + " c" + c % cells;
        for (int f = 0; f < frames; f++) cols[f] = "f" + f;
        Figure figure = Figure.grid(1, 4, 18, Math.max(4, 0.25 * rows.length + 1.5))
                .title("Spatiotemporal IDs at layer " + layer);
        figure.panel(0, 0, heatmap("time axis", rows, cols, field.projections(axes.time())));
        figure.panel(0, 1, heatmap("x axis (left → right)", rows, cols, field.projections(axes.x())));
        figure.panel(0, 2, heatmap("y axis (top → bottom)", rows, cols, field.projections(axes.y())));
        double[] x = new double[fields.size()], time = new double[x.length], pos = new double[x.length],
                inter = new double[x.length];
        int i = 0;
        for (var e : fields.entrySet()) {
            SpatiotemporalField.Shares s = e.getValue().shares();
            x[i] = e.getKey();
            time[i] = s.time();
            pos[i] = s.position();
            inter[i++] = s.interaction();
        }
        figure.panel(0, 3, new LinePanel("Share of the ID spread", "layer (block index)", "share")
                .line("time", x, time, Colours.cycle(0)).line("position", x, pos, Colours.cycle(1))
                .line("interaction", x, inter, Colours.cycle(2)).markers(true).yRange(0, 1));
        figure.write(figuresDir, "temporal_id_grid");
    }

    private static HeatmapPanel heatmap(String title, String[] rows, String[] cols, double[][] values) {
        double lo = 0, hi = 1;   // the means span [0, 1]; single cells may lie beyond
        for (double[] r : values) for (double v : r) if (Double.isFinite(v)) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new HeatmapPanel("Projection on the " + title, rows, cols, values).range(lo, hi).labels("start frame", "grid cell");
    }
}
