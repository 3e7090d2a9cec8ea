package vlmscope.experiments.steer;

import vlmscope.analysis.Correlation;
import vlmscope.report.BarPanel;
import vlmscope.report.Colours;
import vlmscope.report.Figure;
import vlmscope.report.ScatterPanel;

import java.nio.file.Path;
import java.util.List;

/**
 * Fig 9 and Fig 2 across models, from {@code vlmscope steer summary}: baseline accuracy against the mean accuracy
 * drop under ID steering over the layers before the last (horizontal whiskers = population std over those layers;
 * no noise subtraction, whatever the paper's axis label says), each point labelled with its model and the title
 * giving Pearson's r, its p-value and Spearman's ρ; and horizontal bars of the top-3-layer % swapped for IDs vs noise
 * per model.
 */
public final class SteeringSummaryFigure {

    private SteeringSummaryFigure() {
    }

    public static void make(List<SteeringAcrossModels.Row> rows, Path figuresDir) {
        ScatterPanel scatter = new ScatterPanel(title(SteeringAcrossModels.correlation(rows)),
                "mean accuracy drop under spatial-ID steering (layers before the last)", "baseline accuracy");
        for (int i = 0; i < rows.size(); i++) {
            var r = rows.get(i);
            var c = Colours.cycle(i);
            double x = r.meanDropBeforeLast(), sd = r.stdDropBeforeLast();
            scatter.point(x, r.baselineAccuracy(), c, r.model()).text(x, r.baselineAccuracy(), r.model());
            if (sd > 0) {
                scatter.arrow(x, r.baselineAccuracy(), x - sd, r.baselineAccuracy(), c)
                        .arrow(x, r.baselineAccuracy(), x + sd, r.baselineAccuracy(), c);
            }
        }
        Figure.grid(1, 1, 8, 6).panel(0, 0, scatter).write(figuresDir, "fig9_accuracy_vs_steerability");
        String[] models = rows.stream().map(SteeringAcrossModels.Row::model).toArray(String[]::new);
        BarPanel bars = new BarPanel("% belief swapped (top-3 layers)", "fraction swapped", "", true).categories(models)
                .series("spatial-ID steering", rows.stream().mapToDouble(SteeringAcrossModels.Row::idTop3Mean).toArray(),
                        rows.stream().mapToDouble(SteeringAcrossModels.Row::idTop3Std).toArray(), Colours.named("skyblue"))
                .series("noise", rows.stream().mapToDouble(SteeringAcrossModels.Row::noiseTop3Mean).toArray(),
                        rows.stream().mapToDouble(SteeringAcrossModels.Row::noiseTop3Std).toArray(), Colours.named("peachpuff"))
                .valueRange(0, 1);
        Figure.grid(1, 1, 8.5, Math.max(3, 0.6 * rows.size() + 2)).panel(0, 0, bars).write(figuresDir, "fig2_models");
    }

    /** The scatter's title: the correlation, or why there is none. */
    static String title(Correlation c) {
        if (!Double.isFinite(c.pearson())) return "Accuracy vs steerability (" + c.n() + " model(s): no correlation)";
        return String.format(java.util.Locale.ROOT, "Accuracy vs steerability: r = %.2f (p = %.3g, t test), ρ = %.2f, n = %d",
                c.pearson(), c.p(), c.spearman(), c.n());
    }
}
