package vlmscope.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vlmscope.hooks.Site;
import vlmscope.hooks.Sites;
import vlmscope.engine.Inputs;
import vlmscope.model.Precision;
import vlmscope.engine.LoadedModel;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariant of docs/design.md#suffix-recomputation: a patched run recomputed from a trace (suffix recomputation) equals the same
 * intervention applied in a full rerun — at every layer, for several start positions, for logits and every
 * layer's residual over all positions.
 */
class SuffixRecomputationTest {

    static LoadedModel lm;
    static Inputs inputs;
    static Trace trace;

    @BeforeAll
    static void open() {
        lm = EngineFixture.open(Precision.FP32);
        inputs = EngineFixture.inputs(lm, "Is the green square on the left or on the right?");
        trace = lm.hooked().trace(inputs, TraceSpec.residuals());
    }

    @AfterAll
    static void close() {
        trace.close();
        lm.close();
    }

    private static Set<Site> allResiduals(int layers) {
        Set<Site> reads = new HashSet<>();
        for (int l = 0; l < layers; l++) reads.add(Sites.residPost(l));
        return reads;
    }

    @Test
    void suffixRunEqualsFullRerunAtEveryLayerAndStart() {
        int layers = lm.model().numLayers();
        int d = lm.model().hiddenSize();
        int t = inputs.length();
        int imageStart = lm.model().imagePositions(inputs.ids())[0];
        int[] starts = {1, imageStart + 3, t - 6, t - 1};
        Set<Site> reads = allResiduals(layers);
        for (int layer = 0; layer < layers; layer++) {
            for (int p0 : starts) {
                int[] positions = p0 == t - 1 ? new int[]{p0} : new int[]{p0, p0 + 2, t - 1};
                PositionEdit edit = PositionEdit.add(Sites.residPost(layer), positions,
                        EngineFixture.randomVector(d, 31L * layer + p0, 2f));
                try (RunResult suffix = lm.hooked().run(trace, List.of(edit), reads);
                     RunResult full = lm.hooked().run(inputs, List.of(edit), reads)) {
                    assertEquals(p0, suffix.suffixStart(), "suffix run must start at the first edited position");
                    assertEquals(layer + 1, suffix.firstBlock(), "suffix run must start after the edited block");
                    assertEquals(0, full.suffixStart());
                    double logitDiff = EngineFixture.maxAbsDiff(suffix.lastLogits(), full.lastLogits());
                    assertTrue(logitDiff <= 1e-4, "layer " + layer + " p0 " + p0 + ": logits differ by " + logitDiff);
                    for (Site site : reads) {
                        float[] a = flat(suffix.read(site));
                        float[] b = flat(full.read(site));
                        assertEquals(a.length, b.length, site.toString());
                        double diff = EngineFixture.maxAbsDiff(a, b);
                        assertTrue(diff <= 1e-4, "layer " + layer + " p0 " + p0 + " " + site + ": differs by " + diff);
                    }
                }
            }
        }
    }

    @Test
    void editsAtAttentionAndMlpOutputsAlsoMatchAFullRerun() {
        int d = lm.model().hiddenSize();
        int t = inputs.length();
        for (Site site : List.of(Sites.attnOut(1), Sites.mlpOut(2), Sites.residPre(3), Sites.EMBED)) {
            PositionEdit edit = PositionEdit.add(site, new int[]{t - 4, t - 1}, EngineFixture.randomVector(d, site.toString().hashCode(), 1f));
            try (RunResult suffix = lm.hooked().run(trace, List.of(edit), Set.of());
                 RunResult full = lm.hooked().run(inputs, List.of(edit), Set.of())) {
                assertEquals(t - 4, suffix.suffixStart());
                double diff = EngineFixture.maxAbsDiff(suffix.lastLogits(), full.lastLogits());
                assertTrue(diff <= 1e-4, site + ": logits differ by " + diff);
            }
        }
    }

    @Test
    void visionEditsFallBackToAFullRerun() {
        int e = lm.model().visionHiddenSize();
        PositionEdit edit = PositionEdit.add(Sites.VISION_FEATURES, new int[]{0, 5}, EngineFixture.randomVector(e, 7, 1f));
        try (RunResult viaTrace = lm.hooked().run(trace, List.of(edit), Set.of());
             RunResult full = lm.hooked().run(inputs, List.of(edit), Set.of())) {
            assertEquals(0, viaTrace.suffixStart());
            assertEquals(0.0, EngineFixture.maxAbsDiff(viaTrace.lastLogits(), full.lastLogits()));
            assertTrue(EngineFixture.maxAbsDiff(full.lastLogits(), trace.lastLogits()) > 1e-4, "the vision edit must matter");
        }
    }

    private static float[] flat(ai.djl.ndarray.NDArray a) {
        return a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
    }
}
