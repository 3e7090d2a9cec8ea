package vlmscope.experiments.steer;

import vlmscope.report.BarPanel;
import vlmscope.report.Colours;
import vlmscope.report.Figure;
import vlmscope.report.FigureMaker;
import vlmscope.report.LinePanel;
import vlmscope.results.ResultStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fig 2 for one model: % belief swapped per layer under spatial-ID steering, same-norm noise and (A16) cross-axis
 * ID steering, and the top-3-layer bars (mean ± population std, other conditions at the ID's top-3 layers);
 * with A9 oracle runs, a third panel of answer-belief accuracy per layer against the baseline.
 */
public final class SteeringAdversarialFigure implements FigureMaker {

    private static final Map<String, String> LABELS = Map.of("id", "spatial-ID steering", "noise", "noise",
            "cross", "cross-axis ID steering", "oracle", "oracle ID injection");

    @Override
    public void make(ResultStore.Contents results, Path figuresDir) {
        boolean paper = results.header().path("settings").path("paperCompat").asBoolean();
        AdversarialSummary.Result s = AdversarialSummary.of(results.records(), paper);
        String model = Path.of(results.header().path("model").asText()).getFileName().toString();
        boolean oracle = s.byCondition().containsKey("oracle");
        Figure fig = Figure.grid(1, oracle ? 3 : 2, oracle ? 15 : 11, 4.5).title("Adversarial steering: " + model);
        LinePanel swaps = new LinePanel("% belief swapped per layer", "layer (blocks.L.resid_post)", "fraction swapped");
        List<String> conditions = new ArrayList<>();
        int colour = 0;
        for (String c : List.of("id", "noise", "cross")) {
            var byLayer = s.byCondition().get(c);
            if (byLayer == null) continue;
            conditions.add(c);
            double[] x = byLayer.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            double[] y = byLayer.values().stream().mapToDouble(AdversarialSummary.Cell::swapRatio).toArray();
            swaps.line(LABELS.get(c), x, y, Colours.TAB10[colour++]);
        }
        fig.panel(0, 0, swaps.yRange(0, 1));
        BarPanel bars = new BarPanel("top-3 layers " + s.top3(), "fraction swapped", "", true).categories(model);
        var top = s.json().path("top3");
        colour = 0;
        for (String c : conditions) {
            bars.series(LABELS.get(c), new double[] {top.path(c).path("meanSwapRatio").asDouble(Double.NaN)},
                    new double[] {top.path(c).path("stdSwapRatio").asDouble(0)}, Colours.TAB10[colour++]);
        }
        fig.panel(0, 1, bars.valueRange(0, 1));
        if (oracle) {
            var byLayer = s.byCondition().get("oracle");
            double[] x = byLayer.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            double[] y = byLayer.values().stream().mapToDouble(AdversarialSummary.Cell::beliefAccuracy).toArray();
            fig.panel(0, 2, new LinePanel("A9: oracle ID injection", "layer", "belief accuracy (lp pos > lp neg)")
                    .line(LABELS.get("oracle"), x, y, Colours.TAB10[3])
                    .hline(s.json().path("baseline").path("beliefAccuracy").asDouble()).yRange(0, 1));
        }
        fig.write(figuresDir, "fig2_adversarial_steering");
    }

    @Override
    public String caption() {
        return "Fraction of samples whose answer belief (lp(true) - lp(false) at the first answer step) flips sign when"
                + " the object words are steered against the model's answer with a spatial-ID difference, versus a random"
                + " direction of the same norm (and, if run, the other axis's ID difference).";
    }
}
