package vlmscope.experiments.steer;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.analysis.Correlation;
import vlmscope.report.FigureMaker;
import vlmscope.report.Headline;
import vlmscope.results.ResultStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Fig 9 and the Fig 2 bars re-made from a {@code steer summary} results file (one record per model). */
public final class SteeringSummaryMaker implements FigureMaker {

    @Override
    public void make(ResultStore.Contents results, Path figuresDir) {
        SteeringSummaryFigure.make(SteeringAcrossModels.rows(results), figuresDir);
    }

    @Override
    public String caption() {
        return "Fig 9: baseline accuracy against the mean accuracy drop under spatial-ID steering over the layers before the"
                + " last (whiskers: population std over those layers; no noise subtraction), one labelled point per model, with"
                + " Pearson's r (exact t-test p) and Spearman's ρ; and Fig 2: top-3-layer % swapped for IDs vs noise per model.";
    }

    /** Models Fig 9 needs before a correlation between accuracy and steerability means anything. */
    static final int MODELS_NEEDED = 5;

    @Override
    public Headline headline(ResultStore.Contents results, JsonNode summary) {
        List<SteeringAcrossModels.Row> models = SteeringAcrossModels.rows(results);
        List<String[]> rows = new ArrayList<>();
        for (SteeringAcrossModels.Row r : models) {
            rows.add(new String[] {r.model() + ": baseline accuracy; mean accuracy drop under ID steering, L0–L" + (r.lastLayer() - 1),
                    Headline.num(r.baselineAccuracy()) + "; " + Headline.num(r.meanDropBeforeLast()) + " ± "
                            + Headline.num(r.stdDropBeforeLast())});
        }
        Correlation c = SteeringAcrossModels.correlation(models);
        if (Double.isFinite(c.pearson())) {
            rows.add(new String[] {"Pearson r (two-sided p, exact t test); Spearman ρ; models",
                    Headline.num(c.pearson()) + " (p = " + Headline.num(c.p()) + "); " + Headline.num(c.spearman()) + "; " + c.n()});
        }
        return new Headline("Fig 9 — accuracy vs steerability",
                "Models that answer spatial questions better are more steerable by spatial IDs (accuracy correlates with the"
                        + " accuracy drop under ID steering).",
                verdict(c, models.size()),
                "none", "Pearson's r between baseline accuracy and the mean accuracy drop (last layer excluded), two-sided p"
                        + " from the exact t distribution (n − 2 degrees of freedom); Spearman's ρ beside it", rows);
    }

    /** Significance level of the correlation's two-sided p-value. */
    static final double ALPHA = 0.05;

    /** Reproduced when r > 0 with p < {@link #ALPHA} over at least {@link #MODELS_NEEDED} models. */
    static String verdict(Correlation c, int models) {
        if (models < MODELS_NEEDED) {
            return "not testable with " + models + " model(s): the correlation needs at least " + MODELS_NEEDED
                    + (Double.isFinite(c.pearson()) ? " (r = " + Headline.num(c.pearson()) + ", p = " + Headline.num(c.p())
                    + ", shown but not judged)" : " (no correlation computed)");
        }
        boolean reproduced = c.pearson() > 0 && c.p() < ALPHA;
        return (reproduced ? "reproduced" : "not reproduced") + ": r = " + Headline.num(c.pearson()) + ", p = "
                + Headline.num(c.p()) + ", ρ = " + Headline.num(c.spearman()) + " over " + models + " models — rule: r > 0"
                + " with two-sided p < " + ALPHA;
    }
}
