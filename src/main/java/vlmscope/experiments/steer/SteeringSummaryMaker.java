package vlmscope.experiments.steer;

import vlmscope.report.FigureMaker;
import vlmscope.results.ResultStore;

import java.nio.file.Path;

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
}
