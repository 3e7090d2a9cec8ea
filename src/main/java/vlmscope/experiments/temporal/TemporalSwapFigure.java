package vlmscope.experiments.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.experiments.swap.PositionSet;
import vlmscope.experiments.swap.SwapHeadline;
import vlmscope.experiments.swap.SwapSummary;
import vlmscope.report.Colours;
import vlmscope.report.Figure;
import vlmscope.report.FigureMaker;
import vlmscope.report.Headline;
import vlmscope.report.LinePanel;
import vlmscope.results.ResultStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fig 10A: temporal mirror swapping — belief shift per layer, one panel per swapped position set (video tokens,
 * text tokens, scene-word tokens, control), one line per answer word ("before", "after", named by meaning; the
 * paper's code names them the other way round) with a ±1 std band.
 */
public final class TemporalSwapFigure implements FigureMaker {

    private static final List<PositionSet> ORDER = List.of(PositionSet.IMAGE, PositionSet.TEXT, PositionSet.OBJECTS,
            PositionSet.CONTROL, PositionSet.ALL);

    @Override
    public void make(ResultStore.Contents results, Path figuresDir) {
        JsonNode settings = results.header().path("settings");
        Map<PositionSet, Map<String, SwapSummary.Curve>> curves =
                SwapSummary.curves(results.records(), settings.path("paper_compat").asBoolean(false));
        List<PositionSet> sets = new ArrayList<>();
        for (PositionSet s : ORDER) if (curves.containsKey(s)) sets.add(s);
        if (sets.isEmpty()) return;
        Figure figure = Figure.grid(1, sets.size(), 3.6 * sets.size(), 4)
                .title("Temporal mirror swapping (frames reversed): belief shift by layer");
        for (int i = 0; i < sets.size(); i++) {
            PositionSet set = sets.get(i);
            LinePanel panel = new LinePanel("Swapped " + title(set), "layer (block index)", i == 0 ? "belief shift" : "");
            int colour = 0;
            for (Map.Entry<String, SwapSummary.Curve> e : curves.get(set).entrySet()) {
                SwapSummary.Curve c = e.getValue();
                double[] x = new double[c.layers().length], lo = new double[x.length], hi = new double[x.length];
                for (int k = 0; k < x.length; k++) {
                    x[k] = c.layers()[k];
                    lo[k] = c.mean()[k] - c.std()[k];
                    hi[k] = c.mean()[k] + c.std()[k];
                }
                String label = "Δ \"" + e.getKey() + "\"";
                panel.line(label, x, c.mean(), Colours.cycle(colour)).band(label, x, lo, hi, Colours.cycle(colour));
                colour++;
            }
            figure.panel(0, i, panel.hline(0));
        }
        figure.write(figuresDir, "temporal_mirror_swapping");
    }

    @Override
    public Headline headline(ResultStore.Contents results, JsonNode summary) {
        return summary == null ? null : SwapHeadline.of(summary, "Fig 10A — temporal mirror swapping (frame order reversed)",
                "The reversed video's effect on before/after moves from the video tokens into the object-word tokens; control"
                        + " tokens carry nothing.", "reproduced");
    }

    private static String title(PositionSet set) {
        return switch (set) {
            case IMAGE -> "video tokens (all frames)";
            case TEXT -> "all text tokens (incl. object words)";
            case OBJECTS -> "scene-word tokens";
            case CONTROL -> "control text tokens";
            case ALL -> "all tokens";
            case ADJECTIVES -> "colour-word tokens";
        };
    }

    @Override
    public String caption() {
        return "Belief shift (c − p)/(c − i) of \"before\" and \"after\" when blocks.L.resid_post at one position set is"
                + " replaced by the values of the run with the frames in reverse order (1 = the patch carries the whole"
                + " effect of reversing time); mean ± 1 std over videos.";
    }
}
