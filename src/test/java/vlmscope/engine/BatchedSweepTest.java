package vlmscope.engine;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import vlmscope.hooks.Intervention;
import vlmscope.hooks.Site;
import vlmscope.hooks.Sites;
import vlmscope.model.Precision;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link HookedModel#runBatch}: a batched sweep gives every run the result of {@link HookedModel#run(Trace, List, Set)}
 * on its own — logits and reads, at every layer, for several start positions, with add and replace edits at
 * different sites in one sweep — in fp32 (to 1e-6) and in bf16 (to bf16 rounding), on the GQA fixture and on the
 * organism; and splitting the sweep into tiny batches changes nothing.
 */
class BatchedSweepTest {

    static final double FP32_TOLERANCE = 1e-6;

    @Test
    void fixtureSweepEqualsOneRunAtATimeInFp32() {
        try (LoadedModel lm = EngineFixture.open(Precision.FP32)) {
            Inputs inputs = EngineFixture.inputs(lm, "Is the green square on the left or on the right?");
            try (Trace trace = lm.hooked().trace(inputs, TraceSpec.residuals())) {
                double diff = compare(lm, trace, sweep(lm, trace.length(), lm.model().imagePositions(inputs.ids())[0]), -1);
                System.out.println("batched sweep vs one run at a time, fixture fp32: max abs diff " + diff);
                assertTrue(diff <= FP32_TOLERANCE, "fp32 batched sweep differs by " + diff);
            }
        }
    }

    @Test
    void organismSweepEqualsOneRunAtATimeInFp32AndBf16() {
        for (Precision precision : Precision.values()) {
            try (LoadedModel lm = LoadedModel.open(Path.of("models/organism"), precision);
                 Trace trace = lm.trace(EngineFixture.DIR.resolve("images/shapes_640x480.png"),
                         "Is the red circle left or right of the blue square?", TraceSpec.residuals())) {
                int imageStart = lm.model().imagePositions(trace.inputs().ids())[0];
                List<PatchedRun> runs = sweep(lm, trace.length(), imageStart);
                double diff = compare(lm, trace, runs, -1);
                double scale = maxAbs(trace.lastLogits());
                System.out.println("batched sweep vs one run at a time, organism " + precision + ": max abs diff " + diff
                        + " (max |logit| " + scale + ")");
                if (precision == Precision.FP32) assertTrue(diff <= FP32_TOLERANCE, "fp32 batched sweep differs by " + diff);
                else assertTrue(diff <= 0.02 * scale, "bf16 batched sweep differs by " + diff + " beyond bf16 rounding");
            }
        }
    }

    @Test
    void tinyBatchesGiveTheSameResultsAsOneBatch() {
        try (LoadedModel lm = EngineFixture.open(Precision.FP32)) {
            Inputs inputs = EngineFixture.inputs(lm, "Is the green square on the left or on the right?");
            try (Trace trace = lm.hooked().trace(inputs, TraceSpec.residuals())) {
                List<PatchedRun> runs = sweep(lm, trace.length(), lm.model().imagePositions(inputs.ids())[0]);
                List<RunResult> whole = lm.hooked().runBatch(trace, runs, Integer.MAX_VALUE);
                for (int cap : new int[]{1, 3}) {
                    List<RunResult> split = lm.hooked().runBatch(trace, runs, cap);
                    for (int i = 0; i < runs.size(); i++) {
                        assertEquals(0.0, diff(whole.get(i), split.get(i), runs.get(i).reads()), "run " + i + " with batches of " + cap);
                        split.get(i).close();
                    }
                }
                whole.forEach(RunResult::close);
            }
        }
    }

    @Test
    void aBatchedSweepLeavesTheTracesArraysAsTheyWere() {
        try (LoadedModel lm = EngineFixture.open(Precision.FP32)) {
            Inputs inputs = EngineFixture.inputs(lm, "Is the green square on the left or on the right?");
            try (Trace trace = lm.hooked().trace(inputs, TraceSpec.residuals())) {
                BaseNDManager traceManager = (BaseNDManager) trace.get(Sites.EMBED).getManager();
                int before = traceManager.getManagedArrays().size();
                List<RunResult> results = lm.hooked().runBatch(trace, sweep(lm, trace.length(), lm.model().imagePositions(inputs.ids())[0]));
                results.forEach(RunResult::close);
                assertEquals(before, traceManager.getManagedArrays().size(), "arrays left on the trace's manager after a closed sweep");
            }
        }
    }

    @Test
    void visionEditsInASweepFallBackToAFullRerun() {
        try (LoadedModel lm = EngineFixture.open(Precision.FP32)) {
            Inputs inputs = EngineFixture.inputs(lm, "Is the green square on the left or on the right?");
            try (Trace trace = lm.hooked().trace(inputs, TraceSpec.residuals())) {
                PositionEdit vision = PositionEdit.add(Sites.VISION_FEATURES, new int[]{0, 5},
                        EngineFixture.randomVector(lm.model().visionHiddenSize(), 7, 1f));
                PositionEdit decoder = PositionEdit.add(Sites.residPost(1), new int[]{trace.length() - 1},
                        EngineFixture.randomVector(lm.model().hiddenSize(), 8, 1f));
                List<RunResult> batch = lm.hooked().runBatch(trace, List.of(PatchedRun.of(List.of(vision)), PatchedRun.of(List.of(decoder))));
                assertEquals(0, batch.get(0).suffixStart());
                assertEquals(trace.length() - 1, batch.get(1).suffixStart());
                try (RunResult alone = lm.hooked().run(inputs, List.of(vision), Set.of())) {
                    assertEquals(0.0, EngineFixture.maxAbsDiff(alone.lastLogits(), batch.get(0).lastLogits()));
                }
                batch.forEach(RunResult::close);
            }
        }
    }

    /**
     * Every layer × start position, alternating add at resid_post and replace at attn_out / mlp_out / resid_pre,
     * some runs with a second edit at another site, some reading every residual; plus an embedding edit.
     */
    static List<PatchedRun> sweep(LoadedModel lm, int t, int imageStart) {
        int layers = lm.model().numLayers();
        int d = lm.model().hiddenSize();
        Set<Site> allResiduals = new HashSet<>();
        for (int l = 0; l < layers; l++) allResiduals.add(Sites.residPost(l));
        List<PatchedRun> runs = new ArrayList<>();
        int n = 0;
        for (int layer = 0; layer < layers; layer++) {
            for (int p0 : new int[]{1, imageStart + 3, t - 6, t - 1}) {
                int[] positions = p0 == t - 1 ? new int[]{p0} : new int[]{p0, p0 + 2, t - 1};
                long seed = 31L * layer + p0;
                List<Intervention> edits = new ArrayList<>();
                switch (n % 4) {
                    case 0 -> edits.add(PositionEdit.add(Sites.residPost(layer), positions, EngineFixture.randomVector(d, seed, 2f)));
                    case 1 -> edits.add(PositionEdit.replace(Sites.attnOut(layer), positions, rows(d, positions.length, seed)));
                    case 2 -> {
                        edits.add(PositionEdit.replace(Sites.mlpOut(layer), positions, rows(d, positions.length, seed)));
                        edits.add(PositionEdit.add(Sites.residPre(layers - 1), new int[]{t - 1}, EngineFixture.randomVector(d, seed + 1, 1f)));
                    }
                    default -> edits.add(PositionEdit.addRows(Sites.residPre(layer), positions, rows(d, positions.length, seed)));
                }
                runs.add(new PatchedRun(edits, n % 3 == 0 ? allResiduals : Set.of()));
                n++;
            }
        }
        runs.add(PatchedRun.of(List.of(PositionEdit.add(Sites.EMBED, new int[]{t - 4, t - 1}, EngineFixture.randomVector(d, 5, 1f)))));
        return runs;
    }

    /** Max abs difference of logits and reads between {@code runBatch} and {@code run} one at a time. */
    static double compare(LoadedModel lm, Trace trace, List<PatchedRun> runs, int maxBatch) {
        List<RunResult> batch = lm.hooked().runBatch(trace, runs, maxBatch);
        double worst = 0;
        for (int i = 0; i < runs.size(); i++) {
            PatchedRun run = runs.get(i);
            try (RunResult alone = lm.hooked().run(trace, run.interventions(), run.reads());
                 RunResult batched = batch.get(i)) {
                assertEquals(alone.suffixStart(), batched.suffixStart(), "run " + i);
                assertEquals(alone.firstBlock(), batched.firstBlock(), "run " + i);
                assertTrue(EngineFixture.maxAbsDiff(alone.lastLogits(), trace.lastLogits()) > 0, "run " + i + " must change the logits");
                worst = Math.max(worst, diff(alone, batched, run.reads()));
            }
        }
        return worst;
    }

    static double diff(RunResult a, RunResult b, Set<Site> reads) {
        double m = EngineFixture.maxAbsDiff(a.lastLogits(), b.lastLogits());
        assertEquals(reads, b.readSites());
        for (Site site : reads) {
            float[] x = flat(a.read(site));
            float[] y = flat(b.read(site));
            assertEquals(x.length, y.length, site.toString());
            m = Math.max(m, EngineFixture.maxAbsDiff(x, y));
        }
        return m;
    }

    private static float[][] rows(int d, int n, long seed) {
        float[][] r = new float[n][];
        for (int i = 0; i < n; i++) r[i] = EngineFixture.randomVector(d, seed * 7 + i, 1.5f);
        return r;
    }

    private static double maxAbs(float[] v) {
        double m = 0;
        for (float x : v) m = Math.max(m, Math.abs(x));
        return m;
    }

    private static float[] flat(NDArray a) {
        return a.toType(DataType.FLOAT32, false).toFloatArray();
    }
}
