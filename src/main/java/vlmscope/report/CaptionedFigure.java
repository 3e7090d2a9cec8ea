package vlmscope.report;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.results.ResultStore;

/**
 * A figure maker with a fixed caption whose headline comes from the run's summary: no headline while the run has
 * no summary yet.
 */
public abstract class CaptionedFigure implements FigureMaker {

    /** The headline of a run that has a summary. */
    @FunctionalInterface
    public interface SummaryHeadline {
        Headline of(ResultStore.Contents results, JsonNode summary);
    }

    private final String caption;
    private final SummaryHeadline headline;

    /** The headline of a run that has a summary, read from the summary alone. */
    @FunctionalInterface
    public interface SummaryOnlyHeadline {
        Headline of(JsonNode summary);
    }

    protected CaptionedFigure(String caption, SummaryOnlyHeadline headline) {
        this(caption, (results, summary) -> headline.of(summary));
    }

    protected CaptionedFigure(String caption, SummaryHeadline headline) {
        this.caption = caption;
        this.headline = headline;
    }

    @Override
    public final String caption() {
        return caption;
    }

    @Override
    public final Headline headline(ResultStore.Contents results, JsonNode summary) {
        return summary == null ? null : headline.of(results, summary);
    }
}
