package vlmscope.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vlmscope.hooks.Site;
import vlmscope.hooks.Sites;
import vlmscope.engine.Inputs;
import vlmscope.engine.LoadedModel;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interventions that change nothing must change nothing; composed edits must compose; edits never touch the trace —
 * for every family.
 */
class NoOpInterventionTest {

    private static final EngineFixture.TracedFamilies OPEN = new EngineFixture.TracedFamilies("What colour is the square?");

    static List<Path> families() {
        return EngineFixture.families().toList();
    }

    @AfterAll
    static void close() {
        OPEN.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void replacingWithCleanValuesAndAddingZeroChangeNothing(Path dir) {
        EngineFixture.Traced s = OPEN.get(dir);
        LoadedModel lm = s.lm();
        Inputs inputs = s.inputs();
        Trace trace = s.trace();
        int t = inputs.length();
        int d = lm.model().hiddenSize();
        for (int layer = 0; layer < lm.model().numLayers(); layer++) {
            Site site = Sites.residPost(layer);
            int[] positions = {3, t / 2, t - 1};
            PositionEdit same = PositionEdit.replace(site, positions, trace.rows(site, positions));
            PositionEdit zero = PositionEdit.add(site, positions, new float[d]);
            try (RunResult a = lm.hooked().run(trace, List.of(same), Set.of());
                 RunResult b = lm.hooked().run(trace, List.of(zero), Set.of());
                 RunResult c = lm.hooked().run(inputs, List.of(same, zero), Set.of())) {
                assertArrayEquals(trace.lastLogits(), a.lastLogits(), 1e-5f, "replace with clean, layer " + layer);
                assertArrayEquals(trace.lastLogits(), b.lastLogits(), 1e-5f, "add zero, layer " + layer);
                assertArrayEquals(trace.lastLogits(), c.lastLogits(), 1e-4f, "full rerun, layer " + layer);
            }
        }
        try (RunResult none = lm.hooked().run(inputs, List.of(), Set.of())) {
            assertArrayEquals(trace.lastLogits(), none.lastLogits(), 0f, "a run without interventions is the clean run");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void editsComposeAndLeaveTheTraceClean(Path dir) {
        EngineFixture.Traced s = OPEN.get(dir);
        LoadedModel lm = s.lm();
        Inputs inputs = s.inputs();
        Trace trace = s.trace();
        int t = inputs.length();
        int d = lm.model().hiddenSize();
        Site site = Sites.residPost(1);
        float[] v = EngineFixture.randomVector(d, 3, 1f);
        float[] minusV = v.clone();
        for (int i = 0; i < d; i++) minusV[i] = -v[i];
        float[][] before = trace.rows(site, t - 1);
        try (RunResult cancel = lm.hooked().run(trace, List.of(PositionEdit.add(site, new int[]{t - 1}, v),
                PositionEdit.add(site, new int[]{t - 1}, minusV)), Set.of());
             RunResult moved = lm.hooked().run(trace, List.of(PositionEdit.add(site, new int[]{t - 1}, v)), Set.of(site))) {
            assertArrayEquals(trace.lastLogits(), cancel.lastLogits(), 1e-4f, "v then -v cancels");
            float[] edited = moved.rows(site, t - 1)[0];
            for (int i = 0; i < d; i++) assertEquals(before[0][i] + v[i], edited[i], 1e-5f);
            assertTrue(EngineFixture.maxAbsDiff(trace.lastLogits(), moved.lastLogits()) > 1e-3, "the edit must matter");
        }
        assertArrayEquals(before[0], trace.rows(site, t - 1)[0], 0f, "the trace is untouched by edits");
    }
}
