package vlmscope.experiments.diagnosis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.catalogue.FigureCatalogue;
import vlmscope.results.ResultStore;
import vlmscope.results.RunHeader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three figure makers draw PNG + SVG from results files alone (synthetic records with both verdicts). */
class DiagnosisFiguresTest {

    private static Path results(Path dir, String experiment, List<ObjectNode> records) {
        Path file = dir.resolve(experiment + ".jsonl");
        ObjectNode header = new RunHeader(experiment, "m", "fp32", ExperimentOutput.object(), List.of()).json();
        try (ResultStore store = ResultStore.open(file, header)) {
            for (int i = 0; i < records.size(); i++) store.append("k" + i, records.get(i));
        }
        return file;
    }

    private static void make(String experiment, Path file, Path figures, String name) {
        FigureCatalogue.forExperiment(experiment).orElseThrow().make(ResultStore.read(file), figures);
        assertTrue(Files.exists(figures.resolve(name + ".svg")) && Files.exists(figures.resolve(name + ".png")), name);
    }

    @Test
    void depthDeviationAndBlurFigures(@TempDir Path dir) {
        List<ObjectNode> depth = new java.util.ArrayList<>();
        for (String q : List.of("height", "depth"))
            for (int s = 0; s < 3; s++)
                for (int y = 0; y < 4; y++) {
                    ObjectNode r = ExperimentOutput.object().put("question", q).put("layer", 2).put("y", y);
                    r.putArray("delta").add(0.1 * y - s).add(-0.2 * y + s);
                    depth.add(r);
                }
        make(DepthDiagnosis.EXPERIMENT, results(dir, DepthDiagnosis.EXPERIMENT, depth), dir.resolve("f"), "fig7_depth_diagnosis");

        List<ObjectNode> dev = new java.util.ArrayList<>(), blur = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            dev.add(ExperimentOutput.object().put("layer", 2).put("verdict", i % 3 != 0).put("margin", Math.sin(i)));
            blur.add(ExperimentOutput.object().put("verdict", i % 2 == 0).put("sensitivity", Math.cos(i)));
        }
        make(IdDeviation.EXPERIMENT, results(dir, IdDeviation.EXPERIMENT, dev), dir.resolve("f"), "fig8a_id_deviation");
        make(BlurSensitivity.EXPERIMENT, results(dir, BlurSensitivity.EXPERIMENT, blur), dir.resolve("f"), "fig8b_blur_sensitivity");
        ObjectNode summary = BlurSummary.of(ResultStore.read(dir.resolve(BlurSensitivity.EXPERIMENT + ".jsonl")).records());
        assertTrue(summary.path("mannWhitney").path("p_two-sided").isNumber(), summary.toString());
    }
}
