package vlmscope.experiments.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.report.Colours;
import vlmscope.report.Figure;
import vlmscope.report.CaptionedFigure;
import vlmscope.report.LinePanel;
import vlmscope.results.ResultStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fig 7 (depth diagnosis): per steered layer, Δ log-prob (clean − patched) of each answer word against the row j of
 * the left-column ID the subject was steered toward, mean ± std (ddof 1) over samples; left panel above/below, right
 * panel front/behind. Labels follow the data (the paper's figure crosses them).
 */
public final class DepthFigure extends CaptionedFigure {

    public DepthFigure() {
        super("Fig 7: Δ log-prob (clean − patched) of each answer when the subject's ID is moved toward row j of the left"
                + " column (away from its vertical mirror), mean ± std over samples.",
                DiagnosisHeadlines::depth);
    }

    @Override
    public void make(ResultStore.Contents results, Path figuresDir) {
        List<JsonNode> counterCue = results.records().stream().filter(DepthSummary::counterCue).toList();
        draw(results.records().stream().filter(r -> !DepthSummary.counterCue(r)).toList(),
                "Depth diagnosis: steering the subject's vertical ID", figuresDir, "fig7_depth_diagnosis");
        if (!counterCue.isEmpty()) {
            draw(counterCue, "Counter-cue depth scenes (farther object drawn lower): steering the subject's vertical ID",
                    figuresDir, "fig7_depth_counter_cue");
        }
    }

    private static void draw(List<JsonNode> records, String title, Path figuresDir, String name) {
        Map<Integer, Map<String, Map<Integer, List<double[]>>>> byLayer = new TreeMap<>();
        for (JsonNode r : records) {
            byLayer.computeIfAbsent(r.path("layer").asInt(), k -> new TreeMap<>())
                    .computeIfAbsent(r.path("question").asText(), k -> new TreeMap<>())
                    .computeIfAbsent(r.path("y").asInt(), k -> new ArrayList<>())
                    .add(new double[] {r.path("delta").get(0).asDouble(), r.path("delta").get(1).asDouble()});
        }
        if (byLayer.isEmpty()) return;
        Figure figure = Figure.grid(byLayer.size(), 2, 9, 3.2 * byLayer.size()).title(title);
        int row = 0;
        for (var layer : byLayer.entrySet()) {
            int col = 0;
            for (String question : List.of("height", "depth")) {
                Map<Integer, List<double[]>> rows = layer.getValue().getOrDefault(question, Map.of());
                List<String> words = question.equals("height") ? List.of("above", "below") : List.of("behind", "front");
                LinePanel panel = new LinePanel((question.equals("height") ? "Above/below" : "Front/behind") + ", layer "
                        + layer.getKey(), "steered toward row j of column 0 (0 = top)", "Δ log-prob (clean − patched)");
                double[] x = rows.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
                for (int w = 0; w < 2; w++) {
                    double[] mean = new double[x.length], lo = new double[x.length], hi = new double[x.length];
                    int i = 0;
                    for (List<double[]> values : rows.values()) {
                        int word = w;
                        double[] v = values.stream().mapToDouble(d -> d[word]).toArray();
                        double m = java.util.Arrays.stream(v).average().orElse(Double.NaN);
                        double ss = 0;
                        for (double a : v) ss += (a - m) * (a - m);
                        double sd = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
                        mean[i] = m;
                        lo[i] = m - sd;
                        hi[i++] = m + sd;
                    }
                    panel.band(null, x, lo, hi, Colours.TAB10[w]);
                    panel.line("ΔP('" + words.get(w) + "')", x, mean, Colours.TAB10[w]);
                }
                panel.hline(0);
                figure.panel(row, col++, panel);
            }
            row++;
        }
        figure.write(figuresDir, name);
    }
}
