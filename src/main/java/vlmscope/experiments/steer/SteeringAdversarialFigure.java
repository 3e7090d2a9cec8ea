package vlmscope.experiments.steer;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.report.BarPanel;
import vlmscope.report.Colours;
import vlmscope.report.Figure;
import vlmscope.report.CaptionedFigure;
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
public final class SteeringAdversarialFigure extends CaptionedFigure {

    private static final Map<String, String> LABELS = Map.of("id", "spatial-ID steering", "noise", "noise",
            "cross", "cross-axis ID steering", "oracle", "oracle ID injection", "toward", "ID toward the given answer");

    public SteeringAdversarialFigure() {
        super("Fraction of samples whose answer belief (lp(true) - lp(false) at the first answer step) flips sign when"
                + " the object words are steered against the model's answer with a spatial-ID difference, versus a random"
                + " direction of the same norm (and, if run, the other axis's ID difference, and the ID difference reversed,"
                + " toward the answer already given, which must not flip it); with --alphas, the fraction swapped against α"
                + " at the best ID layer, with lines at 0.8 and 0.1 (ID should reach the first while noise stays under the second).",
                (results, summary) -> AdversarialHeadline.of(summary, results.header().path("settings").path("alpha").asDouble(Double.NaN)));
    }

    @Override
    public void make(ResultStore.Contents results, Path figuresDir) {
        boolean paper = results.header().path("settings").path("paperCompat").asBoolean();
        AdversarialSummary.Result s = AdversarialSummary.of(results.records(), paper,
                results.header().path("settings").path("alpha").asDouble(Double.NaN));
        String model = Path.of(results.header().path("model").asText()).getFileName().toString();
        boolean oracle = s.byCondition().containsKey("oracle");
        JsonNode dose = s.json().path("doseResponse");
        int panels = 2 + (oracle ? 1 : 0) + (dose.isMissingNode() ? 0 : 1);
        Figure fig = Figure.grid(1, panels, 5.5 * panels, 4.5).title("Adversarial steering: " + model);
        LinePanel swaps = new LinePanel("% belief swapped per layer", "layer (blocks.L.resid_post)", "fraction swapped");
        List<String> conditions = new ArrayList<>();
        int colour = 0;
        for (String c : List.of("id", "noise", "cross", "toward")) {
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
        if (!dose.isMissingNode()) fig.panel(0, panels - 1, dosePanel(dose, s.top3()));
        fig.write(figuresDir, "fig2_adversarial_steering");
    }

    /** % swapped against α at the best ID layer, per condition; the contrast band (ID ≥ 0.8, noise ≤ 0.1) as lines. */
    private static LinePanel dosePanel(JsonNode dose, List<Integer> top3) {
        double[] alphas = new double[dose.path("alphas").size()];
        for (int i = 0; i < alphas.length; i++) alphas[i] = Math.log(dose.path("alphas").get(i).asDouble()) / Math.log(2);
        String layer = top3.isEmpty() ? dose.path("swapRatio").path("id").fieldNames().next()
                : String.valueOf(top3.getFirst());
        LinePanel p = new LinePanel("Dose–response at layer " + layer, "log2 α", "fraction swapped").markers(true);
        int colour = 0;
        for (String c : List.of("id", "noise", "cross", "toward")) {
            JsonNode v = dose.path("swapRatio").path(c).path(layer);
            colour++;
            if (v.isMissingNode()) continue;
            double[] y = new double[alphas.length];
            for (int i = 0; i < y.length; i++) y[i] = v.get(i).isNull() ? Double.NaN : v.get(i).asDouble();
            p.line(LABELS.get(c), alphas, y, Colours.TAB10[colour - 1]);
        }
        return p.hline(AdversarialSummary.ID_AT_LEAST).hline(AdversarialSummary.NOISE_AT_MOST).yRange(0, 1);
    }
}
