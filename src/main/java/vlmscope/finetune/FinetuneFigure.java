package vlmscope.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.report.Colours;
import vlmscope.report.Figure;
import vlmscope.report.FigureMaker;
import vlmscope.report.LinePanel;
import vlmscope.results.ResultStore;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spatial-ID-loss fine-tuning: held-out LM loss, spatial-ID loss and accuracy against the optimizer step, one
 * line per arm (mean over seeds) with a ± 1 std band.
 */
public final class FinetuneFigure implements FigureMaker {

    private static final List<String> TITLES = List.of("Held-out LM loss", "Held-out spatial-ID loss (1 - cos)",
            "Held-out accuracy");

    @Override
    public void make(ResultStore.Contents results, Path figuresDir) {
        List<JsonNode> records = results.records();
        Map<String, TreeMap<Integer, Map<String, FinetuneSummary.Cell>>> table = FinetuneSummary.table(records);
        Figure figure = Figure.grid(1, 3, 15, 4.2).title("Fine-tuning with and without the spatial-ID loss (held-out object pairs)");
        for (int k = 0; k < FinetuneSummary.METRICS.size(); k++) {
            String metric = FinetuneSummary.METRICS.get(k);
            LinePanel panel = new LinePanel(TITLES.get(k), "optimizer step", metric.replace('_', ' '));
            int colour = 0;
            for (Map.Entry<String, TreeMap<Integer, Map<String, FinetuneSummary.Cell>>> arm : table.entrySet()) {
                int n = arm.getValue().size();
                double[] x = new double[n], y = new double[n], lo = new double[n], hi = new double[n];
                int i = 0;
                for (Map.Entry<Integer, Map<String, FinetuneSummary.Cell>> e : arm.getValue().entrySet()) {
                    FinetuneSummary.Cell c = e.getValue().get(metric);
                    x[i] = e.getKey();
                    y[i] = c.mean();
                    lo[i] = c.mean() - c.std();
                    hi[i] = c.mean() + c.std();
                    i++;
                }
                panel.band(arm.getKey() + " ± std", x, lo, hi, Colours.TAB10[colour % Colours.TAB10.length]);
                panel.line(arm.getKey(), x, y, Colours.TAB10[colour % Colours.TAB10.length]);
                colour++;
            }
            figure.panel(0, k, panel);
        }
        figure.write(figuresDir, "finetune");
    }

    @Override
    public String caption() {
        return "Spatial-ID-loss fine-tuning (docs/paper-mapping.md#finetune): held-out LM loss, spatial-ID loss and accuracy per step, "
                + "baseline vs with-ID-loss arm, mean ± std over seeds.";
    }
}
