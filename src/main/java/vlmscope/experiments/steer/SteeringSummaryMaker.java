package vlmscope.experiments.steer;

import com.fasterxml.jackson.databind.JsonNode;
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
        return "Fig 9: baseline accuracy against the mean accuracy drop under spatial-ID steering (whiskers: population std"
                + " over layers; no noise subtraction), and Fig 2: top-3-layer % swapped for IDs vs noise, one point per model.";
    }

    /** Models Fig 9 needs before a correlation between accuracy and steerability means anything. */
    static final int MODELS_NEEDED = 5;

    @Override
    public Headline headline(ResultStore.Contents results, JsonNode summary) {
        List<SteeringAcrossModels.Row> models = SteeringAcrossModels.rows(results);
        List<String[]> rows = new ArrayList<>();
        for (SteeringAcrossModels.Row r : models) {
            rows.add(new String[] {r.model() + ": baseline accuracy; mean accuracy drop under ID steering",
                    Headline.num(r.baselineAccuracy()) + "; " + Headline.num(r.meanDrop()) + " ± " + Headline.num(r.stdDrop())});
        }
        return new Headline("Fig 9 — accuracy vs steerability",
                "Models that answer spatial questions better are more steerable by spatial IDs (accuracy correlates with the"
                        + " accuracy drop under ID steering).",
                models.size() < MODELS_NEEDED ? "not testable with " + models.size() + " model(s): the correlation needs at least "
                        + MODELS_NEEDED + " (organisms of several seeds, sizes or checkpoints; not yet trained)"
                        : "not judged here: see the figure (no correlation test is computed yet)",
                "none", "none yet (a correlation with its p-value over ≥ " + MODELS_NEEDED + " models)", rows);
    }
}
