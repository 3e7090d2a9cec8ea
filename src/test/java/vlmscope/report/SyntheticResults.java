package vlmscope.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.results.ResultStore;
import vlmscope.results.RunHeader;

import java.nio.file.Path;
import java.util.List;

/**
 * Tiny results folders for a fake experiment ("toy-layers": one record per (layer, position set) with a belief
 * shift), and the figure maker that plots them — registered only in tests, passed to the report code as a map.
 */
final class SyntheticResults {

    static final String EXPERIMENT = "toy-layers";

    private SyntheticResults() {
    }

    /** Writes a folder with a header, {@code layers × 2} records and (optionally) summary.json. */
    static Path write(Path dir, int layers, boolean withSummary) {
        ExperimentOutput out = new ExperimentOutput(dir);
        ObjectNode settings = ExperimentOutput.object();
        settings.put("n", 3);
        settings.put("seed", 7);
        settings.put("layers", "0-" + (layers - 1));
        ObjectNode header = new RunHeader(EXPERIMENT, "models/organism", "fp32", settings,
                List.of("vlmscope", "toy", "--out", dir.toString(), "--n", "3")).json();
        try (ResultStore store = out.open(header, true)) {
            for (int layer = 0; layer < layers; layer++) {
                for (String positions : List.of("objects", "image")) {
                    ObjectNode r = ExperimentOutput.object();
                    r.put("layer", layer);
                    r.put("positions", positions);
                    r.put("shift", positions.equals("objects") ? layer / (layers - 1.0) : 1 - layer / (layers - 1.0));
                    store.append(layer + "/" + positions, r);
                }
            }
        }
        if (withSummary) {
            ObjectNode summary = ExperimentOutput.object();
            ObjectNode peak = summary.putObject("peak");
            peak.put("objects_layer", layers - 1);
            peak.put("objects_shift", 1.0);
            summary.put("samples", 3);
            summary.put("mean_shift", 0.123456789);
            out.writeSummary(summary);
        }
        return dir;
    }

    /** Plots shift against layer, one line per position set, into shift_by_layer.{svg,png}. */
    static class ToyFigure implements FigureMaker {

        @Override
        public void make(ResultStore.Contents results, Path figuresDir) {
            LinePanel panel = new LinePanel("Belief shift by layer", "layer (resid_post block)", "belief shift").hline(0);
            for (String positions : List.of("objects", "image")) {
                var rows = results.records().stream().filter(r -> r.path("positions").asText().equals(positions)).toList();
                double[] x = rows.stream().mapToDouble(r -> r.path("layer").asDouble()).toArray();
                double[] y = rows.stream().mapToDouble(r -> r.path("shift").asDouble()).toArray();
                panel.line(positions, x, y);
            }
            Figure.grid(1, 1, 6, 4).title("Toy experiment").panel(0, 0, panel).write(figuresDir, "shift_by_layer");
        }

        @Override
        public String caption() {
            return "Belief shift after patching each layer's residual stream, by position set.";
        }
    }
}
