package vlmscope.experiments.temporal;

import vlmscope.experiments.swap.PositionSet;
import vlmscope.experiments.swap.SwapHeadline;
import vlmscope.experiments.swap.SwapFigure;
import vlmscope.report.CaptionedFigure;
import vlmscope.results.ResultStore;

import java.nio.file.Path;
import java.util.List;

/**
 * Fig 10A: temporal mirror swapping — belief shift per layer, one panel per swapped position set (video tokens,
 * text tokens, scene-word tokens, control), one line per answer word ("before", "after", named by meaning; the
 * paper's code names them the other way round) with a ±1 std band.
 */
public final class TemporalSwapFigure extends CaptionedFigure {

    private static final List<PositionSet> ORDER = List.of(PositionSet.IMAGE, PositionSet.TEXT, PositionSet.OBJECTS,
            PositionSet.CONTROL, PositionSet.ALL);

    public TemporalSwapFigure() {
        super("Belief shift (c − p)/(c − i) of \"before\" and \"after\" when blocks.L.resid_post at one position set is"
                + " replaced by the values of the run with the frames in reverse order (1 = the patch carries the whole"
                + " effect of reversing time); mean ± 1 std over videos.",
                (results, summary) -> SwapHeadline.of(summary, "Fig 10A — temporal mirror swapping (frame order reversed)",
                        "The reversed video's effect on before/after moves from the video tokens into the object-word tokens; control"
                                + " tokens carry nothing.", "reproduced"));
    }

    @Override
    public void make(ResultStore.Contents results, Path figuresDir) {
        SwapFigure.beliefShift(results, ORDER, TemporalSwapFigure::title,
                "Temporal mirror swapping (frames reversed): belief shift by layer", figuresDir, "temporal_mirror_swapping");
    }

    /** The swap figure's set titles, with the video and its scene words named as such. */
    private static String title(PositionSet set) {
        return switch (set) {
            case IMAGE -> "video tokens (all frames)";
            case OBJECTS -> "scene-word tokens";
            default -> SwapFigure.setTitle(set);
        };
    }
}
