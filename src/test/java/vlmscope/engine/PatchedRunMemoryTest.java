package vlmscope.engine;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Test;
import vlmscope.hooks.Site;
import vlmscope.hooks.Sites;
import vlmscope.model.Precision;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many patched runs against one trace must not grow the trace's native memory: whatever a run hands out (also
 * copies of trace rows the run itself never recomputed) belongs to the run result and is freed by its close().
 */
class PatchedRunMemoryTest {

    private static final int RUNS = 200;

    @Test
    void twoHundredPatchedRunsLeaveTheTracesArraysAsTheyWere() {
        try (LoadedModel lm = EngineFixture.open(Precision.FP32)) {
            Inputs inputs = EngineFixture.inputs(lm, "Is the green square on the left or on the right?");
            try (Trace trace = lm.hooked().trace(inputs, TraceSpec.residuals())) {
                BaseNDManager traceManager = (BaseNDManager) trace.get(Sites.EMBED).getManager();
                int before = traceManager.getManagedArrays().size();
                int last = inputs.length() - 1;
                int layers = lm.model().numLayers();
                List<NDArray> handedOut = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    int layer = 1 + i % (layers - 1);
                    PositionEdit edit = PositionEdit.add(Sites.residPost(layer), new int[]{last},
                            EngineFixture.randomVector(lm.model().hiddenSize(), i, 1f));
                    // blocks.0.resid_post is below the recomputed blocks: the run copies it from the trace. Even runs
                    // record nothing themselves; odd runs also read a recomputed site (trace prefix + new suffix).
                    Set<Site> reads = i % 2 == 0 ? Set.of(Sites.residPost(0)) : Set.of(Sites.residPost(0), Sites.residPost(layer));
                    try (RunResult r = lm.hooked().run(trace, List.of(edit), reads)) {
                        for (var site : reads) handedOut.add(r.read(site));
                    }
                }
                assertEquals(before, traceManager.getManagedArrays().size(),
                        "arrays left on the trace's manager after " + RUNS + " closed runs");
                assertTrue(handedOut.stream().allMatch(NDArray::isReleased), "every array a run handed out is freed by its close()");
            }
        }
    }
}
