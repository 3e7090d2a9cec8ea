package vlmscope.experiments.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.report.Figure;
import vlmscope.report.CaptionedFigure;
import vlmscope.report.LinePanel;
import vlmscope.results.ResultStore;

import java.nio.file.Path;

/**
 * Fig 8B (blur sensitivity): overlaid density histograms (15 bins) of the sensitivity — min over random-box blurs of
 * log P(correct) minus log P(correct) with the subject's box blurred — for correct and wrong answers.
 */
public final class BlurFigure extends CaptionedFigure {

    public BlurFigure() {
        super("Fig 8B: how much more blurring the subject's box lowers log P(correct) than the worst of the random"
                + " same-size blurs, for correct and wrong answers.",
                DiagnosisHeadlines::blur);
    }

    @Override
    public void make(ResultStore.Contents results, Path figuresDir) {
        VerdictGroups groups = new VerdictGroups("sensitivity");
        for (JsonNode r : results.records()) {
            if (r.path("sensitivity").isNumber()) groups.add(r);
        }
        if (groups.correct().isEmpty() && groups.wrong().isEmpty()) return;
        LinePanel panel = new LinePanel("Blur sensitivity by answer", "min random blur − subject blur (log P correct)", "density");
        DeviationFigure.overlay(panel, groups.correct(), groups.wrong(), 15);
        Figure.grid(1, 1, 5, 4).panel(0, 0, panel).write(figuresDir, "fig8b_blur_sensitivity");
    }
}
