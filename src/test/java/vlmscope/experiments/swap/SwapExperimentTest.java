package vlmscope.experiments.swap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.Json;
import vlmscope.analysis.BeliefShift;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.engine.LogProbs;
import vlmscope.engine.Trace;
import vlmscope.engine.TraceSpec;
import vlmscope.engine.Inputs;
import vlmscope.model.Precision;
import vlmscope.processing.ModelInput;
import vlmscope.results.ResultStore;
import vlmscope.engine.LoadedModel;
import vlmscope.world.BackgroundChoice;
import vlmscope.CapturedStderr;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The swap sweep on the random-weight fixture (Llama tokenizer, 224 px, 4 blocks) with two world samples:
 * invariants that hold whatever the weights — swapping every position reproduces the counterfactual (shift 1),
 * patching in the clean rows changes nothing (shift 0), suffix recomputation equals full reruns, a resumed run
 * writes every key once — and the position sets' definitions.
 */
class SwapExperimentTest {

    static final Path FIXTURE = Path.of("fixtures/llava-tiny-5678");

    static LoadedModel lm;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        lm = LoadedModel.open(FIXTURE, Precision.FP32);
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    static WorldSwapSamples samples(SwapMode mode, int n) {
        return new WorldSwapSamples(mode, n, 7, 224, BackgroundChoice.BLACK, true, w -> lm.tokenizer().tokenToId(w).isPresent());
    }

    static SwapSettings settings(SwapMode mode, boolean paperCompat, boolean fullRerun, List<PositionSet> sets) {
        SwapPrompt prompt = SwapPrompt.of(SwapPrompt.detect(lm.tokenizer()), paperCompat, null, null);
        return new SwapSettings(mode, prompt, null, 0, 3, sets, paperCompat, 11, fullRerun, false);
    }

    static List<JsonNode> run(Path out, SwapSettings s, int n, boolean compareSpeed) {
        SwapSettings t = new SwapSettings(s.mode(), s.prompt(), s.answerPieces(), s.firstLayer(), s.lastLayer(), s.sets(),
                s.paperCompat(), s.seed(), s.fullRerun(), compareSpeed);
        new SwapExperiment(lm, t).run(samples(s.mode(), 2), n, new ExperimentOutput(out), false, List.of("test"));
        return ResultStore.read(out.resolve("results.jsonl")).records();
    }

    @Test
    void swappingEveryPositionGivesShiftOneAndSuffixEqualsFullRerun() {
        List<PositionSet> sets = List.of(PositionSet.ALL, PositionSet.TEXT, PositionSet.OBJECTS);
        List<JsonNode> suffix = run(dir.resolve("suffix"), settings(SwapMode.MIRROR, false, false, sets), 2, true);
        List<JsonNode> full = run(dir.resolve("full"), settings(SwapMode.MIRROR, false, true, sets), 1, false);
        assertEquals(2 * 4 * sets.size(), suffix.size(), "2 samples x 4 layers x 3 sets");
        int checked = 0;
        for (JsonNode r : suffix) {
            if (!r.path("set").asText().equals("all")) continue;
            for (JsonNode a : r.path("answers")) {
                double denominator = a.path("clean").asDouble() - a.path("counterfactual").asDouble();
                assertTrue(Math.abs(denominator) > 1e-3, "the mirror must move " + a + " for the check to mean something");
                assertEquals(1.0, a.path("shift").asDouble(), 1e-4, r.path("key").asText());
                assertEquals(a.path("counterfactual").asDouble(), a.path("patched").asDouble(), 1e-5);
                checked++;
            }
        }
        assertEquals(2 * 4 * 2, checked);
        Map<String, JsonNode> fullByKey = new HashMap<>();
        for (JsonNode r : full) fullByKey.put(r.path("key").asText(), r);
        assertEquals(4 * sets.size(), fullByKey.size());
        for (JsonNode r : suffix) {
            JsonNode f = fullByKey.get(r.path("key").asText());
            if (f == null) continue;
            for (int k = 0; k < 2; k++) {
                double a = r.path("answers").get(k).path("patched").asDouble();
                double b = f.path("answers").get(k).path("patched").asDouble();
                assertEquals(b, a, 1e-4, "suffix recomputation vs full rerun at " + r.path("key").asText());
            }
        }
        JsonNode summary = ResultStore.read(dir.resolve("suffix/results.jsonl")).header();
        assertEquals("swap", summary.path("experiment").asText());
        JsonNode timing = readSummary(dir.resolve("suffix")).path("timing");
        assertTrue(timing.path("suffix_seconds").asDouble() > 0 && timing.path("full_rerun_seconds").asDouble() > 0);
        assertTrue(timing.path("max_logprob_gap").asDouble() < 1e-4, "every cell also ran as a full rerun");
        JsonNode allLeft = readSummary(dir.resolve("suffix")).path("sets").path("all").path("left");
        assertEquals(1.0, allLeft.path("peak_mean_shift").asDouble(), 1e-4);
    }

    @Test
    void patchingInTheCleanRowsGivesShiftZero() {
        SwapSample sample = samples(SwapMode.MIRROR, 1).sample(0);
        SwapPrompt prompt = SwapPrompt.of(SwapPrompt.Style.PAPER, false, null, null);
        ModelInput input = lm.prepare(lm.render(prompt.text(sample.question(), sample.choices()), true, true), 1);
        int left = lm.tokenizer().tokenToId("left").orElseThrow();
        try (Trace clean = lm.hooked().trace(new Inputs(input.ids(), List.of(lm.imageProcessor().preprocess(sample.clean()))), TraceSpec.residuals());
             Trace cf = lm.hooked().trace(new Inputs(input.ids(), List.of(lm.imageProcessor().preprocess(sample.counterfactual()))), TraceSpec.residuals())) {
            float[] c = LogProbs.of(clean.lastLogits()), i = LogProbs.of(cf.lastLogits());
            int[] image = java.util.stream.IntStream.range(input.imageStart(), input.imageEnd()).toArray();
            for (int layer = 0; layer < 4; layer++) {
                float[] p = SwapExperiment.patchedLogProbs(lm.hooked(), clean, clean, layer, image, false);
                assertEquals(0.0, BeliefShift.of(c[left], i[left], p[left]), 1e-4, "layer " + layer);
            }
        }
    }

    @Test
    void resumeAfterAnInterruptedRunWritesEveryKeyOnce() {
        Path out = dir.resolve("resume");
        SwapSettings s = settings(SwapMode.ATTRIBUTE, false, false, List.of(PositionSet.OBJECTS, PositionSet.CONTROL));
        assertEquals(4 * 2, run(out, s, 1, false).size());
        List<JsonNode> records = run(out, s, 2, false);
        Set<String> keys = new HashSet<>();
        for (JsonNode r : records) assertTrue(keys.add(r.path("key").asText()), "duplicate " + r.path("key"));
        assertEquals(2 * 4 * 2, keys.size());
        assertEquals(2, readSummary(out).path("samples").asInt());
    }

    @Test
    void aNoOpRerunKeepsTheTimingAndASmallerNSaysWhatTheSummaryCovers() {
        Path out = dir.resolve("rerun");
        SwapSettings s = settings(SwapMode.MIRROR, false, false, List.of(PositionSet.OBJECTS));
        run(out, s, 2, false);
        JsonNode timing = readSummary(out).path("timing");
        assertTrue(timing.path("cells").asInt() == 8, timing.toString());
        run(out, s, 2, false); // nothing left to compute
        assertEquals(timing, readSummary(out).path("timing"));
        String err = CapturedStderr.of(() -> run(out, s, 1, false));
        assertTrue(err.contains("holds 2 samples from earlier runs; the summary and figures cover all 2, not the 1 asked for"), err);
        assertEquals(2, readSummary(out).path("samples").asInt());
    }

    @Test
    void positionSetsFollowTheirDefinitions() {
        SwapSample sample = samples(SwapMode.MIRROR, 1).sample(0);
        for (boolean compat : new boolean[]{false, true}) {
            SwapPrompt prompt = SwapPrompt.of(SwapPrompt.Style.PAPER, compat, null, null);
            String text = prompt.text(sample.question(), sample.choices());
            assertEquals(!compat, text.contains("? Answer"), text);
            ModelInput input = lm.prepare(lm.render(text, true, true), 1);
            Map<PositionSet, int[]> sets = PositionSets.of(input, sample, lm.locator(), lm.tokenizer().bosId(), compat,
                    new SplittableRandom(3));
            int t = input.length(), s = input.imageStart(), e = input.imageEnd();
            assertEquals(1, s, "raw prompt: BOS, then the image");
            assertEquals(e - s, sets.get(PositionSet.IMAGE).length);
            int[] text2 = sets.get(PositionSet.TEXT);
            if (compat) {
                assertEquals(e - 2, text2[0], "the paper's S_text starts at the last two image tokens");
                assertEquals(t - e + 2, text2.length);
            } else {
                assertEquals(e, text2[0]);
                assertEquals(t - e, text2.length);
            }
            int[] objects = sets.get(PositionSet.OBJECTS);
            assertEquals(2, objects.length);
            for (int i = 0; i < 2; i++) {
                String word = sample.objectWords().get(i);
                int p = PositionSets.wordPositions(input, List.of(word), lm.locator()).get(word);
                assertEquals("▁" + word, input.tokens()[p].replace("▁▁", "▁"), "object " + word);
                assertTrue(p >= e && p < t - 1);
            }
            int[] adjectives = sets.get(PositionSet.ADJECTIVES);
            assertTrue(adjectives.length >= 1);
            for (int p : adjectives) assertTrue(sample.adjectiveWords().contains(input.tokens()[p].substring(1)));
            int[] control = sets.get(PositionSet.CONTROL);
            assertEquals(objects.length, control.length);
            Set<Integer> forbidden = new HashSet<>();
            for (int p : objects) forbidden.add(p);
            for (int p : adjectives) forbidden.add(p);
            forbidden.add(t - 1);
            forbidden.add(0);
            for (int p : control) {
                assertFalse(forbidden.contains(p) || (p >= s && p < e), "control position " + p);
            }
        }
    }

    @Test
    void colourSwapAsksTheColourAndExchangesTheColours() {
        List<JsonNode> records = run(dir.resolve("colour"), settings(SwapMode.COLOUR, false, false,
                List.of(PositionSet.ALL, PositionSet.OBJECTS)), 1, false);
        assertEquals(4 * 2, records.size());
        JsonNode r = records.getFirst();
        assertTrue(r.path("question").asText().startsWith("What colour is the "));
        assertEquals("truth", r.path("answers").get(0).path("label").asText().equals("truth") ? "truth"
                : r.path("answers").get(1).path("label").asText());
        for (JsonNode rec : records) {
            if (!rec.path("set").asText().equals("all")) continue;
            for (JsonNode a : rec.path("answers")) assertEquals(1.0, a.path("shift").asDouble(), 1e-4);
        }
    }

    private static JsonNode readSummary(Path out) {
        try {
            return Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
