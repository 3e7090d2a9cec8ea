package vlmscope.experiments.swap;

import vlmscope.report.Colours;
import vlmscope.report.Figure;
import vlmscope.report.CaptionedFigure;
import vlmscope.report.LinePanel;
import vlmscope.results.ResultStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Fig 4 / A6: belief shift per layer, one panel per swapped position set, one line per answer word with a ±1 std
 * band (std with ddof 1 over samples, as the paper). Panel titles name the set actually swapped (the paper's figure
 * swaps the "text" and "image" titles).
 */
public final class SwapFigure extends CaptionedFigure {

    private static final List<PositionSet> ORDER = List.of(PositionSet.IMAGE, PositionSet.TEXT, PositionSet.OBJECTS,
            PositionSet.ADJECTIVES, PositionSet.CONTROL, PositionSet.ALL);

    public SwapFigure() {
        super("Belief shift (c − p)/(c − i) of each answer word when blocks.L.resid_post at one position set is replaced "
                + "by the counterfactual run's values (1 = the patch reproduces the counterfactual's whole effect, 0 = no "
                + "effect); mean ± 1 std over samples.",
                (results, summary) -> SwapHeadline.of(summary, results.header().path("settings").path("mode").asText()));
    }

    @Override
    public void make(ResultStore.Contents results, Path figuresDir) {
        String mode = results.header().path("settings").path("mode").asText("swap");
        beliefShift(results, ORDER, SwapFigure::setTitle, title(mode), figuresDir, "belief_shift_" + mode);
    }

    /**
     * One panel per swapped position set present in the records (in {@code order}), each answer word's mean belief
     * shift by layer with a ±1 std band; writes nothing when no set is present.
     */
    public static void beliefShift(ResultStore.Contents results, List<PositionSet> order, Function<PositionSet, String> setTitle,
                                   String title, Path figuresDir, String name) {
        boolean paperCompat = results.header().path("settings").path("paper_compat").asBoolean(false);
        Map<PositionSet, Map<String, SwapSummary.Curve>> curves = SwapSummary.curves(results.records(), paperCompat);
        List<PositionSet> sets = new ArrayList<>();
        for (PositionSet s : order) if (curves.containsKey(s)) sets.add(s);
        if (sets.isEmpty()) return;
        Figure figure = Figure.grid(1, sets.size(), 3.6 * sets.size(), 4).title(title);
        for (int i = 0; i < sets.size(); i++) {
            PositionSet set = sets.get(i);
            LinePanel panel = new LinePanel("Swapped " + setTitle.apply(set), "layer (block index)",
                    i == 0 ? "belief shift" : "");
            int colour = 0;
            for (Map.Entry<String, SwapSummary.Curve> e : curves.get(set).entrySet()) {
                SwapSummary.Curve c = e.getValue();
                double[] x = new double[c.layers().length];
                double[] lo = new double[x.length];
                double[] hi = new double[x.length];
                for (int k = 0; k < x.length; k++) {
                    x[k] = c.layers()[k];
                    lo[k] = c.mean()[k] - c.std()[k];
                    hi[k] = c.mean()[k] + c.std()[k];
                }
                String label = "Δ \"" + e.getKey() + "\"";
                panel.line(label, x, c.mean(), Colours.cycle(colour)).band(label, x, lo, hi, Colours.cycle(colour));
                colour++;
            }
            panel.hline(0);
            figure.panel(0, i, panel);
        }
        figure.write(figuresDir, name);
    }

    /** A panel title naming the position set that was swapped. */
    public static String setTitle(PositionSet set) {
        return switch (set) {
            case IMAGE -> "image tokens";
            case TEXT -> "all text tokens (incl. object words)";
            case OBJECTS -> "object-word tokens";
            case ADJECTIVES -> "colour-word tokens";
            case CONTROL -> "control text tokens";
            case ALL -> "all tokens";
        };
    }

    private static String title(String mode) {
        return switch (mode) {
            case "mirror" -> "Mirror swapping: belief shift by layer";
            case "attribute" -> "Attribute (recolour) swapping: belief shift by layer";
            case "colour" -> "Colour swapping (binding): belief shift by layer";
            default -> mode + " swapping: belief shift by layer";
        };
    }
}
