package vlmscope.experiments.steer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.Json;
import vlmscope.cli.Main;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.results.ResultStore;
import vlmscope.results.RunHeader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fig 9 over hand-made adversarial runs of five 3-layer models: the last layer's drop is left out, r and ρ by hand. */
class SteeringAcrossModelsTest {

    /**
     * Per model, of 4 samples: correct at baseline, correct under ID steering at L0 and L1 (L2, the last layer, is
     * always as the baseline). Accuracy drops are (baseline − steered) / 4.
     */
    private static final int[][] MODELS = {
            {4, 0, 2},   // accuracy 1.00; drops 1.00, 0.50 → mean 0.75 (0.50 with L2's 0)
            {3, 1, 2},   // 0.75; 0.50, 0.25 → 0.375
            {2, 2, 1},   // 0.50; 0, 0.25 → 0.125
            {1, 1, 1},   // 0.25; 0, 0 → 0
            {2, 0, 2},   // 0.50; 0.50, 0 → 0.25
    };

    @Test
    void correlationOverFiveModelsExcludesTheLastLayer(@TempDir Path dir) throws IOException {
        List<Path> folders = new ArrayList<>();
        for (int m = 0; m < MODELS.length; m++) folders.add(adversarialRun(dir, "model" + m, MODELS[m]));
        List<SteeringAcrossModels.Row> rows = SteeringAcrossModels.rows(folders);
        double[] expected = {0.75, 0.375, 0.125, 0, 0.25};
        for (int m = 0; m < MODELS.length; m++) {
            assertEquals(expected[m], rows.get(m).meanDropBeforeLast(), 1e-12, "model " + m);
            assertEquals(2, rows.get(m).lastLayer());
        }
        assertEquals(0.5, rows.get(0).meanDrop(), 1e-12, "the old mean keeps L2's zero");
        assertEquals(0.25, rows.get(0).stdDropBeforeLast(), 1e-12);
        // ×8: x = (6, 3, 1, 0, 2), y = (4, 3, 2, 1, 2), both of mean 2.4; Σdxdy = 10.2, Σdx² = 21.2, Σdy² = 5.2
        double r = 10.2 / Math.sqrt(21.2 * 5.2);
        var c = SteeringAcrossModels.correlation(rows);
        assertEquals(r, c.pearson(), 1e-12);
        // 3 degrees of freedom: P(|T| ≥ t) = 1 − (2/π)(θ + sin θ cos θ), θ = atan(t/√3) (Abramowitz & Stegun 26.7.3)
        double t = r * Math.sqrt(3 / (1 - r * r)), theta = Math.atan(t / Math.sqrt(3));
        assertEquals(1 - 2 / Math.PI * (theta + Math.sin(theta) * Math.cos(theta)), c.p(), 1e-9);
        // ranks x (5, 4, 2, 1, 3), y (5, 4, 2.5, 1, 2.5): Σ = 9.5, Σdx² = 10, Σdy² = 9.5
        assertEquals(9.5 / Math.sqrt(95), c.spearman(), 1e-12);

        Path out = dir.resolve("fig9");
        List<String> args = new ArrayList<>(List.of("steer", "summary"));
        folders.forEach(f -> args.add(f.toString()));
        args.addAll(List.of("--out", out.toString()));
        assertEquals(0, Main.run(args.toArray(String[]::new)));
        JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals(r, summary.path("correlation").path("pearson").asDouble(), 1e-12);
        assertEquals(5, summary.path("correlation").path("n").asInt());
        assertEquals(0.75, summary.path("models").get(0).path("meanAccuracyDropBeforeLastLayer").asDouble(), 1e-12);
        var headline = new SteeringSummaryMaker().headline(ResultStore.read(out.resolve("results.jsonl")), summary);
        assertTrue(headline.verdict().startsWith("reproduced: r = 0.97"), headline.verdict());
        assertTrue(Files.exists(out.resolve("figures/fig9_accuracy_vs_steerability.svg")));
        assertTrue(Files.readString(out.resolve("figures/fig9_accuracy_vs_steerability.svg")).contains("model3"),
                "every point is labelled");
    }

    @Test
    void oneModelSaysThereIsNoCorrelation(@TempDir Path dir) {
        List<SteeringAcrossModels.Row> rows = SteeringAcrossModels.rows(List.of(adversarialRun(dir, "only", MODELS[0])));
        var c = SteeringAcrossModels.correlation(rows);
        assertTrue(Double.isNaN(c.pearson()));
        assertTrue(SteeringSummaryMaker.verdict(c, 1).startsWith("not testable with 1 model(s)"));
        assertTrue(SteeringAcrossModels.json(rows).path("correlation").path("note").asText().startsWith("no correlation: 1 model(s)"));
    }

    @Test
    void sameFolderNamesGetTheirParents(@TempDir Path dir) {
        Path a = adversarialRun(dir.resolve("a"), "organism", MODELS[0]), b = adversarialRun(dir.resolve("b"), "organism", MODELS[1]);
        List<SteeringAcrossModels.Row> rows = SteeringAcrossModels.rows(List.of(a, b));
        assertEquals(List.of("a/organism", "b/organism"), rows.stream().map(SteeringAcrossModels.Row::model).toList());
    }

    /** A model folder with a 3-layer config.json and an adversarial run on it with the given correct counts. */
    private static Path adversarialRun(Path dir, String name, int[] correct) {
        try {
            Path model = Files.createDirectories(dir.resolve(name));
            Files.writeString(model.resolve("config.json"), "{\"model_type\": \"llava\", \"text_config\": {\"num_hidden_layers\": 3}}");
            ObjectNode settings = ExperimentOutput.object().put("paperCompat", false);
            ObjectNode header = new RunHeader(AdversarialSteering.EXPERIMENT, model.toString(), "fp32", settings, List.of()).json();
            ExperimentOutput out = new ExperimentOutput(dir.resolve("adv-" + name));
            try (ResultStore store = out.open(header, true)) {
                for (int s = 0; s < 4; s++) {
                    store.append("s" + s + "/none", record("s" + s, "none", -1, s < correct[0]));
                    store.append("s" + s + "/L0/id", record("s" + s, "id", 0, s < correct[1]));
                    store.append("s" + s + "/L1/id", record("s" + s, "id", 1, s < correct[2]));
                    store.append("s" + s + "/L2/id", record("s" + s, "id", 2, s < correct[0]));
                }
            }
            return out.dir();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ObjectNode record(String sample, String condition, int layer, boolean correct) {
        ObjectNode r = ExperimentOutput.object().put("sample", sample).put("condition", condition)
                .put("verdict", correct ? "correct" : "wrong").put("said", correct ? "left" : "right");
        if (layer >= 0) r.put("layer", layer);
        r.putArray("lp").add(correct ? -0.1 : -2.0).add(correct ? -2.0 : -0.1);
        return r;
    }
}
