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
}
