package vlmscope.experiments.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.report.Colour;
import vlmscope.report.Figure;
import vlmscope.report.CaptionedFigure;
import vlmscope.report.LinePanel;
import vlmscope.results.ResultStore;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fig 8A (ID deviation): per layer, overlaid density histograms (10 bins, drawn as step outlines) of the margin
 * relative to the ground-truth IDs for correct and for wrong answers.
 */
public final class DeviationFigure extends CaptionedFigure {

    public DeviationFigure() {
        super("Fig 8A: margin of the model's object-ID separation along the true relation's axis over the ground-truth"
                + " separation, for correct and wrong answers (density histograms).",
                DiagnosisHeadlines::deviation);
    }

    @Override
    public void make(ResultStore.Contents results, Path figuresDir) {
        Map<Integer, VerdictGroups> byLayer = new TreeMap<>();
        for (JsonNode r : results.records()) {
            if (r.path("verdict").isBoolean()) byLayer.computeIfAbsent(r.path("layer").asInt(), k -> new VerdictGroups("margin")).add(r);
        }
        if (byLayer.isEmpty()) return;
        Figure figure = Figure.grid(1, byLayer.size(), 4.5 * byLayer.size(), 4).title("ID deviation margin by answer");
        int col = 0;
        for (var e : byLayer.entrySet()) {
            LinePanel panel = new LinePanel("Layer " + e.getKey(), "margin relative to GT", "density");
            overlay(panel, e.getValue().correct(), e.getValue().wrong(), 10);
            figure.panel(0, col++, panel);
        }
        figure.write(figuresDir, "fig8a_id_deviation");
    }

    /** Adds density step histograms of correct (steelblue) and wrong (salmon) values over a shared range. */
    static void overlay(LinePanel panel, List<Double> correct, List<Double> wrong, int bins) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (List<Double> g : List.of(correct, wrong))
            for (double v : g) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        if (lo == Double.POSITIVE_INFINITY) return;
        if (hi == lo) {
            lo -= 0.5;
            hi += 0.5;
        }
        step(panel, "correct (n=" + correct.size() + ")", correct, lo, hi, bins, Colour.hex("#4682b4"));
        step(panel, "wrong (n=" + wrong.size() + ")", wrong, lo, hi, bins, Colour.hex("#fa8072"));
        panel.hline(0);
    }

    private static void step(LinePanel panel, String label, List<Double> values, double lo, double hi, int bins, Colour colour) {
        if (values.isEmpty()) return;
        double width = (hi - lo) / bins;
        double[] density = new double[bins];                          // [bins]
        for (double v : values) density[Math.min(bins - 1, (int) ((v - lo) / width))] += 1.0 / (values.size() * width);
        double[] x = new double[2 * bins + 2], y = new double[2 * bins + 2];
        x[0] = lo;
        for (int b = 0; b < bins; b++) {
            x[2 * b + 1] = lo + b * width;
            y[2 * b + 1] = density[b];
            x[2 * b + 2] = lo + (b + 1) * width;
            y[2 * b + 2] = density[b];
        }
        x[2 * bins + 1] = hi;
        panel.line(label, x, y, colour);
    }
}
