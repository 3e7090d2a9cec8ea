package vlmscope.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vlmscope.hooks.Site;
import vlmscope.hooks.Sites;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariant of docs/design.md#suffix-recomputation: a patched run recomputed from a trace (suffix recomputation) equals the same
 * intervention applied in a full rerun — at every layer, for several start positions, for logits and every
 * layer's residual over all positions — for every family (LLaVA's 1-D RoPE, Qwen's 3-D M-RoPE positions).
 */
class SuffixRecomputationTest {

    private static final EngineFixture.TracedFamilies OPEN = new EngineFixture.TracedFamilies("Is the green square on the left or on the right?");

    static List<Path> families() {
        return EngineFixture.families().toList();
    }

    @AfterAll
    static void close() {
        OPEN.close();
    }

    private static Set<Site> allResiduals(int layers) {
        Set<Site> reads = new HashSet<>();
        for (int l = 0; l < layers; l++) reads.add(Sites.residPost(l));
        return reads;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void suffixRunEqualsFullRerunAtEveryLayerAndStart(Path dir) {
        EngineFixture.Traced s = OPEN.get(dir);
        LoadedModel lm = s.lm();
        int layers = lm.model().numLayers();
        int d = lm.model().hiddenSize();
        int t = s.inputs().length();
        int[] image = lm.model().imagePositions(s.inputs().ids());
        int[] starts = {1, image[0] + 3, image[image.length - 1] + 1, t - 6, t - 1};
        Set<Site> reads = allResiduals(layers);
        double worst = 0;
        for (int layer = 0; layer < layers; layer++) {
            for (int p0 : starts) {
                int[] positions = p0 == t - 1 ? new int[]{p0} : new int[]{p0, p0 + 2, t - 1};
                PositionEdit edit = PositionEdit.add(Sites.residPost(layer), positions,
                        EngineFixture.randomVector(d, 31L * layer + p0, 2f));
                try (RunResult suffix = lm.hooked().run(s.trace(), List.of(edit), reads);
                     RunResult full = lm.hooked().run(s.inputs(), List.of(edit), reads)) {
                    assertEquals(p0, suffix.suffixStart(), "suffix run must start at the first edited position");
                    assertEquals(layer + 1, suffix.firstBlock(), "suffix run must start after the edited block");
                    assertEquals(0, full.suffixStart());
                    double logitDiff = EngineFixture.maxAbsDiff(suffix.lastLogits(), full.lastLogits());
                    assertTrue(logitDiff <= 1e-4, "layer " + layer + " p0 " + p0 + ": logits differ by " + logitDiff);
                    worst = Math.max(worst, logitDiff);
                    for (Site site : reads) {
                        float[] a = flat(suffix.read(site));
                        float[] b = flat(full.read(site));
                        assertEquals(a.length, b.length, site.toString());
                        double diff = EngineFixture.maxAbsDiff(a, b);
                        assertTrue(diff <= 1e-4, "layer " + layer + " p0 " + p0 + " " + site + ": differs by " + diff);
                        worst = Math.max(worst, diff);
                    }
                }
            }
        }
        System.out.printf("%s suffix vs full rerun: max abs difference %.3g%n", dir.getFileName(), worst);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void editsAtAttentionAndMlpOutputsAlsoMatchAFullRerun(Path dir) {
        EngineFixture.Traced s = OPEN.get(dir);
        int d = s.lm().model().hiddenSize();
        int t = s.inputs().length();
        int last = s.lm().model().numLayers() - 1;
        for (Site site : List.of(Sites.attnOut(1), Sites.mlpOut(2), Sites.residPre(last), Sites.EMBED)) {
            PositionEdit edit = PositionEdit.add(site, new int[]{t - 4, t - 1}, EngineFixture.randomVector(d, site.toString().hashCode(), 1f));
            try (RunResult suffix = s.lm().hooked().run(s.trace(), List.of(edit), Set.of());
                 RunResult full = s.lm().hooked().run(s.inputs(), List.of(edit), Set.of())) {
                assertEquals(t - 4, suffix.suffixStart());
                double diff = EngineFixture.maxAbsDiff(suffix.lastLogits(), full.lastLogits());
                assertTrue(diff <= 1e-4, site + ": logits differ by " + diff);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void visionEditsFallBackToAFullRerun(Path dir) {
        EngineFixture.Traced s = OPEN.get(dir);
        int e = s.lm().model().visionHiddenSize();
        PositionEdit edit = PositionEdit.add(Sites.VISION_FEATURES, new int[]{0, 5}, EngineFixture.randomVector(e, 7, 1f));
        try (RunResult viaTrace = s.lm().hooked().run(s.trace(), List.of(edit), Set.of());
             RunResult full = s.lm().hooked().run(s.inputs(), List.of(edit), Set.of())) {
            assertEquals(0, viaTrace.suffixStart());
            assertEquals(0.0, EngineFixture.maxAbsDiff(viaTrace.lastLogits(), full.lastLogits()));
            assertTrue(EngineFixture.maxAbsDiff(full.lastLogits(), s.trace().lastLogits()) > 1e-4, "the vision edit must matter");
        }
    }

    private static float[] flat(ai.djl.ndarray.NDArray a) {
        return a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
    }
}
