package vlmscope.experiments.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.ids.SpatialIdFile;
import vlmscope.model.Precision;
import vlmscope.engine.LoadedModel;
import vlmscope.world.BackgroundChoice;
import vlmscope.results.ResultStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DepthDiagnosisTest {

    private static LoadedModel lm;

    @BeforeAll
    static void open() {
        lm = LoadedModel.open(DiagnosisFixture.MODEL, Precision.FP32);
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    private static DepthOptions options(int n, double alpha, boolean paper, Integer... layers) {
        return new DepthOptions(n, 7, List.of(layers), alpha, 224, BackgroundChoice.MIXED, paper);
    }

    /** --scenes both: the standard records are those of a standard-only run; the counter-cue ones come beside them. */
    @Test
    void counterCueScenesAddRecordsBesideTheStandardOnes(@TempDir Path dir) throws Exception {
        SpatialIdFile ids = SpatialIdFile.read(DiagnosisFixture.writeIds(dir, 0, 1, 2), null);
        ExperimentOutput standard = new ExperimentOutput(dir.resolve("standard")), both = new ExperimentOutput(dir.resolve("both"));
        DepthDiagnosis.run(lm, ids, options(1, 5, false, 1), standard, false, List.of("test"));
        var summary = DepthDiagnosis.run(lm, ids, new DepthOptions(1, 7, List.of(1), 5, 224, BackgroundChoice.MIXED, false,
                DepthOptions.Scenes.BOTH), both, false, List.of("test"));
        List<JsonNode> a = DiagnosisFixture.records(standard.dir()), b = DiagnosisFixture.records(both.dir());
        assertEquals(2 * a.size(), b.size());
        Map<String, Double> deltas = new HashMap<>();
        for (JsonNode r : a) deltas.put(r.path("key").asText(), r.path("delta").get(1).asDouble());
        long counter = 0;
        for (JsonNode r : b) {
            if (r.path("scenes").asText().equals("counter-cue")) {
                counter++;
                assertTrue(r.path("sample").asText().startsWith("c"));
            } else assertEquals(deltas.get(r.path("key").asText()), r.path("delta").get(1).asDouble(), 1e-5);
        }
        assertEquals(a.size(), counter);
        assertTrue(summary.path("counterCue").path("questions").path("depth").has("L1"));
        Path figures = dir.resolve("figures");
        new DepthFigure().make(ResultStore.read(both.resultsFile()), figures);
        assertTrue(java.nio.file.Files.exists(figures.resolve("fig7_depth_diagnosis.png")));
        assertTrue(java.nio.file.Files.exists(figures.resolve("fig7_depth_counter_cue.png")));
    }

    @Test
    void runsResumesWithoutDuplicatesAndSummarises(@TempDir Path dir) throws Exception {
        SpatialIdFile ids = SpatialIdFile.read(DiagnosisFixture.writeIds(dir, 0, 1, 2), null);
        ExperimentOutput out = new ExperimentOutput(dir.resolve("depth"));
        DepthDiagnosis.run(lm, ids, options(1, 5, false, 1, 2), out, false, List.of("test"));
        assertEquals(2 * 2 * 4, DiagnosisFixture.records(out.dir()).size());
        DepthDiagnosis.run(lm, ids, options(2, 5, false, 1, 2), out, false, List.of("test"));
        List<JsonNode> full = DiagnosisFixture.records(out.dir());
        assertEquals(2 * 2 * 2 * 4, full.size());

        Map<String, Double> before = new HashMap<>();
        for (JsonNode r : full) before.put(r.path("key").asText(), r.path("delta").get(0).asDouble());
        DiagnosisFixture.tearResults(out.dir(), 5);
        var summary = DepthDiagnosis.run(lm, ids, options(2, 5, false, 1, 2), out, false, List.of("test"));
        List<JsonNode> resumed = DiagnosisFixture.records(out.dir());
        assertEquals(full.size(), resumed.size());
        for (JsonNode r : resumed) {
            assertEquals(before.get(r.path("key").asText()), r.path("delta").get(0).asDouble(), 1e-5, "deterministic rerun");
        }

        for (JsonNode r : resumed) {
            // Δ = clean − patched, clean read once per (sample, question)
            assertEquals(r.path("clean").get(0).asDouble() - r.path("patched").get(0).asDouble(), r.path("delta").get(0).asDouble(), 1e-12);
            assertEquals(r.path("layer").asInt(), r.path("idLayer").asInt());
            String question = r.path("question").asText();
            assertEquals(question.equals("height") ? "above" : "behind", r.path("words").get(0).asText());
            assertTrue(List.of("above", "below", "front", "behind").contains(r.path("label").asText()));
        }
        // the subject's positions hold its word piece
        JsonNode first = resumed.getFirst();
        String piece = lm.locator().lastPiece(first.path("subject").asText());
        DepthSample s0 = WorldDiagnosisData.depth(0, 7, 224, BackgroundChoice.MIXED);
        var input = lm.prepare(lm.render(s0.height().prompt(), false, true), 1);
        for (JsonNode p : first.path("positions")) assertEquals(piece, input.tokens()[p.asInt()]);
        // height and depth ask about the same subject; the farther object is the higher one
        assertEquals(s0.height().answer().equals("above"), s0.depth().answer().equals("behind"));

        assertTrue(summary.path("questions").path("height").path("L1").path("topMinusBottom").isNumber());
        assertEquals(4, summary.path("questions").path("depth").path("L2").path("rows").size());
        assertTrue(Files.exists(out.summaryFile()));
    }

    /** α = 0 adds the zero vector: patched equals clean up to the suffix-recomputation tolerance. */
    @Test
    void zeroSteeringChangesNothing(@TempDir Path dir) {
        SpatialIdFile ids = SpatialIdFile.read(DiagnosisFixture.writeIds(dir, 1, 2), null);
        ExperimentOutput out = new ExperimentOutput(dir.resolve("zero"));
        DepthDiagnosis.run(lm, ids, options(1, 0, false, 2), out, false, List.of("test"));
        for (JsonNode r : DiagnosisFixture.records(out.dir())) {
            assertEquals(0, r.path("delta").get(0).asDouble(), 1e-4);
            assertEquals(0, r.path("delta").get(1).asDouble(), 1e-4);
        }
    }

    /** --paper-compat: P3's subject "photo of a", positions one after each "▁a", first-piece tokens, ID of block ℓ − 1. */
    @Test
    void paperCompatReproducesP3AndTheOffset(@TempDir Path dir) {
        SpatialIdFile ids = SpatialIdFile.read(DiagnosisFixture.writeIds(dir, 0, 1, 2), null);
        ExperimentOutput out = new ExperimentOutput(dir.resolve("paper"));
        DepthDiagnosis.run(lm, ids, options(1, 5, true, 2), out, false, List.of("test"));
        JsonNode r = DiagnosisFixture.records(out.dir()).getFirst();
        assertEquals("photo of a", r.path("subject").asText());
        assertEquals(r.path("layer").asInt() - 1, r.path("idLayer").asInt());
        DepthSample s0 = WorldDiagnosisData.depth(0, 7, 224, BackgroundChoice.MIXED);
        String text = "QUESTION: Is the photo of a above or below the " + s0.object() + "? Answer Above or Below. ANSWER: ";
        var input = lm.prepare(lm.render(text, true, true), 1);
        for (JsonNode p : r.path("positions")) assertEquals("▁a", input.tokens()[p.asInt() - 1]);
        assertEquals("▁A", r.path("pieces").get(0).asText());
    }

    @Test
    void p3ParsesWhatsUpCaptionsAsThePaperDid() {
        assertEquals(List.of("photo of a", "cup"), PaperDepthQuery.parse("A photo of a star above a cup"));
        assertEquals(List.of("photo of a potted", "person"), PaperDepthQuery.parse("A photo of a potted plant below a person"));
    }
}
