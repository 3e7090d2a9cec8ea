package vlmscope.report;

import vlmscope.results.ResultStore;

import java.nio.file.Path;

/** Makes one experiment's figures (PNG + SVG) from its stored results alone. */
public interface FigureMaker {

    /** Writes this experiment's figures for {@code results} into {@code figuresDir}. */
    void make(ResultStore.Contents results, Path figuresDir);

    /** What the figures show, for the HTML report; blank gives a generic caption. */
    default String caption() {
        return "";
    }

    /**
     * The section's opening (figure, claim, verdict with control and null, headline numbers) from the stored results
     * and summary (null when the run has no summary yet); null = no headline, the section shows its data only.
     */
    default Headline headline(ResultStore.Contents results, com.fasterxml.jackson.databind.JsonNode summary) {
        return null;
    }
}
