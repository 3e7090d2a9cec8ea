package vlmscope.experiments.steer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.Json;
import vlmscope.analysis.Vectors;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.Progress;
import vlmscope.experiments.ids.SpatialIdFile;
import vlmscope.engine.PositionEdit;
import vlmscope.engine.RunResult;
import vlmscope.hooks.Site;
import vlmscope.hooks.Sites;
import vlmscope.engine.Trace;
import vlmscope.engine.TraceSpec;
import vlmscope.engine.Inputs;
import vlmscope.processing.ModelInput;
import vlmscope.processing.Occurrence;
import vlmscope.results.ResultStore;
import vlmscope.engine.LoadedModel;
import vlmscope.world.BackgroundChoice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdversarialSteeringTest {

    static LoadedModel lm;
    static SpatialIdFile ids;
    static List<SteerSample> samples;

    @TempDir
    static Path shared;

    @BeforeAll
    static void open() {
        lm = SteerFixture.open();
        ids = SpatialIdFile.read(SteerFixture.linearIds(shared), null);
        samples = WorldSteerData.mixedLeftRightAboveBelow(2, 7, 224, BackgroundChoice.BLACK);
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    static AdversarialSteering.Options options(double alpha, Set<AdversarialSteering.Condition> conditions, int maxNew,
                                               boolean paperCompat, int... layers) {
        return new AdversarialSteering.Options(layers, alpha, conditions, maxNew, paperCompat, false, PromptStyle.WORLD, 3, true);
    }

    static final Set<AdversarialSteering.Condition> ID_NOISE_CROSS = Set.of(AdversarialSteering.Condition.ID,
            AdversarialSteering.Condition.NOISE, AdversarialSteering.Condition.CROSS);

    @Test
    void zeroAlphaChangesNothing(@TempDir Path dir) {
        var steering = new AdversarialSteering(lm, ids, options(0, ID_NOISE_CROSS, 1, false, 0, 1, 2, 3));
        var result = steering.run(samples, new ExperimentOutput(dir), true, List.of("test"));
        List<JsonNode> records = ResultStore.read(dir.resolve("results.jsonl")).records();
        Map<String, JsonNode> baseline = new HashMap<>();
        for (JsonNode r : records) if (r.path("condition").asText().equals("none")) baseline.put(r.path("sample").asText(), r);
        assertEquals(2, baseline.size());
        int steered = 0;
        for (JsonNode r : records) {
            if (r.path("condition").asText().equals("none")) continue;
            JsonNode b = baseline.get(r.path("sample").asText());
            for (int i = 0; i < 2; i++) assertEquals(b.path("lp").get(i).asDouble(), r.path("lp").get(i).asDouble(), 1e-4, r.toString());
            assertEquals(b.path("response").asText(), r.path("response").asText());
            steered++;
        }
        assertEquals(2 * 4 * 3, steered);
        for (var cell : result.byCondition().get("id").values()) assertEquals(0.0, cell.swapRatio());
        assertTrue(Files.exists(dir.resolve("summary.json")));
    }

    @Test
    void editsLandOnlyAtObjectWordsWithTheIdNorm() {
        SteerSample s = samples.getFirst();   // a left/right question
        int layer = 2;
        double alpha = 5;
        var steering = new AdversarialSteering(lm, ids, options(alpha, ID_NOISE_CROSS, 1, false, layer));
        PreparedSample p = PreparedSample.of(lm, s, PromptStyle.WORLD.text(s.question(), false), false);
        int posA = p.positions(lm, s.subject(), Occurrence.FIRST)[0];
        int posB = p.positions(lm, s.reference(), Occurrence.FIRST)[0];
        Site site = Sites.residPost(layer);
        float[][] ab = SteerFixture.directions(layer);
        try (Trace clean = lm.hooked().trace(p.inputs(), TraceSpec.residuals())) {
            float[][] h = clean.rows(site, posA, posB);
            double[] norm = {alpha * Vectors.norm(h[0]), alpha * Vectors.norm(h[1])};
            Map<String, List<PositionEdit>> conditions = Map.of(
                    "id", steering.directed(s, layer, s.correct(), false, posA, posB, norm),
                    "cross", steering.directed(s, layer, s.correct(), true, posA, posB, norm),
                    "noise", steering.noise(s, layer, posA, posB, norm));
            for (var c : conditions.entrySet()) {
                float[][] diff = readBackDiff(clean, c.getValue(), site);
                for (int t = 0; t < diff.length; t++) {
                    if (t == posA || t == posB) continue;
                    assertEquals(0.0, Vectors.norm(diff[t]), 0.0, c.getKey() + " touched position " + t);
                }
                assertEquals(norm[0], Vectors.norm(diff[posA]), 1e-4 * norm[0], c.getKey() + " subject norm");
                assertEquals(norm[1], Vectors.norm(diff[posB]), 1e-4 * norm[1], c.getKey() + " reference norm");
                if (!c.getKey().equals("noise")) {
                    float[] axis = c.getKey().equals("id") ? ab[0] : ab[1];   // left/right question: id ∥ x, cross ∥ y
                    double cos = Vectors.dot(diff[posA], axis) / (Vectors.norm(diff[posA]) * Vectors.norm(axis));
                    assertEquals(1.0, Math.abs(cos), 1e-4, c.getKey() + " direction");
                    double cosB = Vectors.dot(diff[posA], diff[posB]) / (Vectors.norm(diff[posA]) * Vectors.norm(diff[posB]));
                    assertEquals(-1.0, cosB, 1e-4, "subject and reference are pushed apart");
                }
            }
            // pushed against "said = positive": the subject moves toward the other answer's cell
            float[][] id = readBackDiff(clean, conditions.get("id"), site);
            double towardRight = Vectors.dot(id[posA], ab[0]);
            assertTrue(s.correct().equals("right") ? towardRight < 0 : towardRight > 0);
        }
    }

    @Test
    void oracleSetsTheInPlaneIdToTheTrueCell() {
        SteerSample s = samples.get(1);   // an above/below question
        int layer = 1;
        var steering = new AdversarialSteering(lm, ids, options(5, Set.of(AdversarialSteering.Condition.ORACLE), 1, false, layer));
        PreparedSample p = PreparedSample.of(lm, s, PromptStyle.WORLD.text(s.question(), false), false);
        int posA = p.positions(lm, s.subject(), Occurrence.FIRST)[0];
        int posB = p.positions(lm, s.reference(), Occurrence.FIRST)[0];
        Site site = Sites.residPost(layer);
        ModelInput text = lm.prepare(lm.render(p.text(), false, false), 0);
        float[][] textRows;
        try (Trace t = lm.hooked().trace(new Inputs(text.ids(), List.of()), TraceSpec.residuals())) {
            textRows = t.rows(site, lm.locator().positions(text, s.subject(), Occurrence.FIRST)[0],
                    lm.locator().positions(text, s.reference(), Occurrence.FIRST)[0]);
        }
        float[][] ab = SteerFixture.directions(layer);
        try (Trace clean = lm.hooked().trace(p.inputs(), TraceSpec.residuals());
             RunResult run = lm.hooked().run(clean, steering.oracle(s, layer, clean, posA, posB, textRows), Set.of(site))) {
            String[] words = {s.subject(), s.reference()};
            int[] positions = {posA, posB};
            for (int i = 0; i < 2; i++) {
                float[] edited = run.rows(site, positions[i])[0];
                float[] before = clean.rows(site, positions[i])[0];
                int[] cell = s.cellOf(words[i], SteerFixture.M);
                float[] want = Vectors.ontoPlane(ids.universal(layer, cell[0], cell[1]), ab[0], ab[1]);
                float[] got = Vectors.ontoPlane(Vectors.minus(edited, textRows[i]), ab[0], ab[1]);
                assertTrue(Vectors.norm(Vectors.minus(got, want)) < 1e-4 * (1 + Vectors.norm(edited)), words[i]);
                // the out-of-plane part is untouched
                float[] outBefore = Vectors.minus(before, Vectors.ontoPlane(before, ab[0], ab[1]));
                float[] outAfter = Vectors.minus(edited, Vectors.ontoPlane(edited, ab[0], ab[1]));
                assertTrue(Vectors.norm(Vectors.minus(outBefore, outAfter)) < 1e-4 * (1 + Vectors.norm(before)), words[i]);
            }
        }
    }

    @Test
    void resumeAfterAKillCompletesWithoutDuplicates(@TempDir Path dir) throws IOException {
        var steering = new AdversarialSteering(lm, ids, options(5, Set.of(AdversarialSteering.Condition.ID,
                AdversarialSteering.Condition.NOISE), 1, false, 1, 3));
        steering.run(samples, new ExperimentOutput(dir), true, List.of("test"));
        Path results = dir.resolve("results.jsonl");
        List<String> full = Files.readAllLines(results);
        assertEquals(1 + 2 * (1 + 2 * 2), full.size());
        // a kill after three records, mid-line
        List<String> cut = new ArrayList<>(full.subList(0, 4));
        Files.writeString(results, String.join("\n", cut) + "\n" + full.get(4).substring(0, 20));
        steering.run(samples, new ExperimentOutput(dir), false, List.of("test"));
        List<JsonNode> resumed = ResultStore.read(results).records();
        List<JsonNode> original = new ArrayList<>();
        for (String line : full.subList(1, full.size())) original.add(Json.MAPPER.readTree(line));
        assertEquals(original.size(), resumed.size());
        Set<String> keys = new HashSet<>();
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode r : resumed) {
            assertTrue(keys.add(r.path("key").asText()), "duplicate " + r.path("key"));
            byKey.put(r.path("key").asText(), r);
        }
        for (JsonNode r : original) {
            JsonNode again = byKey.get(r.path("key").asText());
            assertEquals(r.path("lp"), again.path("lp"), r.path("key").asText());
            assertEquals(r.path("response"), again.path("response"));
        }
    }

    @Test
    void alphaSweepAddsScaledRecordsAndTowardReversesTheIdEdit(@TempDir Path dir) {
        Set<AdversarialSteering.Condition> cs = Set.of(AdversarialSteering.Condition.ID, AdversarialSteering.Condition.NOISE,
                AdversarialSteering.Condition.TOWARD);
        var options = new AdversarialSteering.Options(new int[] {2}, 5, cs, 1, false, false, PromptStyle.WORLD, 3, true,
                new double[] {1, 5, 0.5});
        assertArrayEquals(new double[] {0.5, 1}, options.alphas(), "the main α is not repeated; sorted");
        new AdversarialSteering(lm, ids, options).run(samples, new ExperimentOutput(dir), true, List.of("test"));
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode r : ResultStore.read(dir.resolve("results.jsonl")).records()) byKey.put(r.path("key").asText(), r);
        assertEquals(2 * (1 + 3 + 2 * 3), byKey.size(), "baseline + 3 conditions at α 5 + 3 at each swept α");
        for (SteerSample s : samples) {
            JsonNode main = byKey.get(AdversarialSteering.key(s, 2, AdversarialSteering.Condition.ID));
            if (main.has("skipped")) continue;
            JsonNode half = byKey.get(AdversarialSteering.key(s, 2, AdversarialSteering.Condition.ID, 0.5));
            assertEquals(0.5, half.path("alpha").asDouble());
            assertFalse(main.has("alpha"), "records at the main α keep their old form");
            assertEquals(main.path("norms").get(0).asDouble() / 10, half.path("norms").get(0).asDouble(), 1e-9);
        }
        // toward = the id edit reversed
        SteerSample s = samples.getFirst();
        var steering = new AdversarialSteering(lm, ids, options);
        PreparedSample p = PreparedSample.of(lm, s, PromptStyle.WORLD.text(s.question(), false), false);
        int posA = p.positions(lm, s.subject(), Occurrence.FIRST)[0], posB = p.positions(lm, s.reference(), Occurrence.FIRST)[0];
        double[] norm = {1, 1};
        String other = s.question().choices().stream().filter(c -> !c.equals(s.correct())).findFirst().orElseThrow();
        try (Trace clean = lm.hooked().trace(p.inputs(), TraceSpec.residuals())) {
            float[] against = readBackDiff(clean, steering.directed(s, 2, s.correct(), false, posA, posB, norm), Sites.residPost(2))[posA];
            float[] toward = readBackDiff(clean, steering.directed(s, 2, other, false, posA, posB, norm), Sites.residPost(2))[posA];
            assertEquals(-1.0, Vectors.dot(against, toward) / (Vectors.norm(against) * Vectors.norm(toward)), 1e-4);
        }
    }

    @Test
    void paperNormCoversEveryOccurrence(@TempDir Path dir) {
        var fixed = new AdversarialSteering(lm, ids, options(5, Set.of(AdversarialSteering.Condition.NOISE), 3, false, 2));
        var paper = new AdversarialSteering(lm, ids, options(5, Set.of(AdversarialSteering.Condition.NOISE), 3, true, 2));
        List<SteerSample> one = samples.subList(0, 1);
        fixed.run(one, new ExperimentOutput(dir.resolve("fixed")), true, List.of("test"));
        paper.run(one, new ExperimentOutput(dir.resolve("paper")), true, List.of("test"));
        JsonNode f = ResultStore.read(dir.resolve("fixed/results.jsonl")).records().get(1);
        JsonNode baseline = ResultStore.read(dir.resolve("paper/results.jsonl")).records().get(0);
        JsonNode q = ResultStore.read(dir.resolve("paper/results.jsonl")).records().get(1);
        // independent reference: α·sqrt(Σ‖h‖²) over every occurrence of each word in prompt + generated[0..G-2]
        SteerSample s = one.getFirst();
        PreparedSample p = PreparedSample.of(lm, s, PromptStyle.WORLD.text(s.question(), false), false);
        int[] prompt = p.inputs().ids();
        JsonNode generated = baseline.path("generated");
        int[] all = java.util.Arrays.copyOf(prompt, prompt.length + Math.max(0, generated.size() - 1));
        for (int i = prompt.length; i < all.length; i++) all[i] = generated.get(i - prompt.length).asInt();
        Site site = Sites.residPost(2);
        try (Trace t = lm.hooked().trace(new Inputs(all, p.inputs().images()), TraceSpec.residuals())) {
            String[] words = {s.subject(), s.reference()};
            for (int w = 0; w < 2; w++) {
                String piece = lm.locator().lastPiece(words[w]);
                double sum = 0;
                int count = 0;
                for (int i = 0; i < all.length; i++) {
                    String token = i < prompt.length ? p.input().tokens()[i] : lm.tokenizer().idToToken(all[i]);
                    if (!token.equals(piece)) continue;
                    double n = Vectors.norm(t.rows(site, i)[0]);
                    sum += n * n;
                    count++;
                }
                assertTrue(count >= 1, words[w]);
                assertEquals(5 * Math.sqrt(sum), q.path("norms").get(w).asDouble(), 1e-4 * q.path("norms").get(w).asDouble(), words[w]);
                if (count == 1) assertEquals(f.path("norms").get(w).asDouble(), q.path("norms").get(w).asDouble(), 1e-4 * q.path("norms").get(w).asDouble());
            }
        }
    }

    private static float[][] readBackDiff(Trace clean, List<PositionEdit> edits, Site site) {
        try (RunResult run = lm.hooked().run(clean, edits, Set.of(site))) {
            int t = clean.length();
            int[] all = java.util.stream.IntStream.range(0, t).toArray();
            float[][] after = run.rows(site, all), before = clean.rows(site, all);
            float[][] diff = new float[t][];
            for (int i = 0; i < t; i++) diff[i] = Vectors.minus(after[i], before[i]);
            return diff;
        }
    }
}
