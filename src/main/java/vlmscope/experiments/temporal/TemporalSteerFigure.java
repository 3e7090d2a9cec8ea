package vlmscope.experiments.temporal;

import vlmscope.report.Colours;
import vlmscope.report.Figure;
import vlmscope.report.CaptionedFigure;
import vlmscope.report.LinePanel;
import vlmscope.results.ResultStore;
import vlmscope.report.Headline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Fig 10C: temporal steering — per steered layer one figure with a panel per true answer ("before", "after"):
 * x = the ID frame f steered toward (vector T(f) − T(F−1−f)), y = mean ± 1 std over videos of
 * Δ log p = steered − clean for "before" and for "after".
 */
public final class TemporalSteerFigure extends CaptionedFigure {

    public TemporalSteerFigure() {
        super("Adding α·(T(f) − T(F−1−f)) at the subject's tokens: change in the log-probabilities of \"before\" and"
                + " \"after\" (steered − clean; the paper's sign) against the frame f steered toward, by true answer;"
                + " mean ± 1 std over videos.",
                TemporalHeadlines::steer);
    }

    @Override
    public void make(ResultStore.Contents results, Path figuresDir) {
        var cells = TemporalSteerExperiment.cells(results.records());
        if (cells.isEmpty()) return;
        java.util.TreeSet<Integer> layers = new java.util.TreeSet<>();
        cells.values().forEach(byLayer -> layers.addAll(byLayer.keySet()));
        List<String> truths = List.of("before", "after");
        for (int layer : layers) {
            Figure figure = Figure.grid(1, 2, 10, 3.5).title("Temporal steering at layer " + layer);
            for (int t = 0; t < 2; t++) {
                LinePanel panel = new LinePanel("True answer: " + truths.get(t), "ID frame steered toward (f)",
                        t == 0 ? "change in log prob (steered − clean)" : "");
                Map<Integer, TemporalSteerExperiment.Cell> byFrame = cells.getOrDefault(truths.get(t), Map.of())
                        .getOrDefault(layer, Map.of());
                if (!byFrame.isEmpty()) {
                    int n = byFrame.size();
                    double[] x = new double[n], mb = new double[n], ma = new double[n];
                    double[] lb = new double[n], hb = new double[n], la = new double[n], ha = new double[n];
                    int i = 0;
                    for (var e : byFrame.entrySet()) {
                        var c = e.getValue();
                        x[i] = e.getKey();
                        mb[i] = c.meanBefore();
                        ma[i] = c.meanAfter();
                        lb[i] = c.meanBefore() - c.stdBefore();
                        hb[i] = c.meanBefore() + c.stdBefore();
                        la[i] = c.meanAfter() - c.stdAfter();
                        ha[i++] = c.meanAfter() + c.stdAfter();
                    }
                    panel.line("Δ \"after\"", x, ma, Colours.cycle(0)).band("Δ \"after\"", x, la, ha, Colours.cycle(0))
                            .line("Δ \"before\"", x, mb, Colours.cycle(1)).band("Δ \"before\"", x, lb, hb, Colours.cycle(1))
                            .markers(true);
                }
                figure.panel(0, t, panel.hline(0));
            }
            figure.write(figuresDir, "temporal_steering_L" + layer);
        }
        if (results.records().size() > TemporalSteerExperiment.main(results.records()).size()) {
            doseResponse(results, figuresDir);
        }
    }

    /** The controls: per layer, the ID edit's early-minus-late effect and the same-norm noise's mean |effect| against α. */
    private static void doseResponse(ResultStore.Contents results, Path figuresDir) {
        var settings = results.header().path("settings");
        var c = TemporalSteerControls.summary(results.records(), settings.path("frames").asInt(), settings.path("alpha").asDouble());
        double[] alphas = Headline.doubles(c.path("alphas"));
        LinePanel panel = new LinePanel("Early-minus-late effect against α", "α", "effect on log P(before) − log P(after)");
        int i = 0;
        for (var e : c.path("id").properties()) {
            panel.line("ID, L" + e.getKey(), alphas, Headline.doubles(e.getValue()), Colours.cycle(i));
            var noise = c.path("noise_abs").path(e.getKey());
            if (noise.size() > 0) {
                panel.line("noise |effect|, L" + e.getKey(), alphas, Headline.doubles(noise), Colours.cycle(i), true);
            }
            i++;
        }
        Figure.grid(1, 1, 8, 4.5).title("Temporal steering: dose–response and same-norm noise").panel(0, 0, panel.markers(true).hline(0))
                .write(figuresDir, "temporal_steering_dose_response");
    }
}
