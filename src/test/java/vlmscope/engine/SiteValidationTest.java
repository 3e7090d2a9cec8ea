package vlmscope.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vlmscope.VlmscopeException;
import vlmscope.hooks.Site;
import vlmscope.hooks.Sites;
import vlmscope.model.Precision;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A site the loaded model never visits fails with one clear error instead of silently doing nothing. */
class SiteValidationTest {

    private static LoadedModel lm;
    private static Inputs inputs;
    private static Trace trace;

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

    private static void assertNamesSiteAndFix(VlmscopeException e, String site, int blocks) {
        String m = e.getMessage();
        assertTrue(m.contains(site), m);
        assertTrue(m.contains("has " + blocks + " "), m);
        assertTrue(m.contains("Fix: use a block index from 0 to " + (blocks - 1)), m);
        assertEquals(1, m.lines().count(), m);
    }

    @Test
    void anEditAtABlockPastTheLastFailsNamingTheSiteTheBlockCountAndTheFix() {
        int blocks = lm.model().numLayers();
        PositionEdit edit = PositionEdit.add(Site.parse("blocks.99.resid_post"), new int[]{inputs.length() - 1},
                new float[lm.model().hiddenSize()]);
        assertNamesSiteAndFix(assertThrows(VlmscopeException.class, () -> lm.hooked().run(trace, List.of(edit), Set.of())),
                "blocks.99.resid_post", blocks);
        assertNamesSiteAndFix(assertThrows(VlmscopeException.class, () -> lm.hooked().run(inputs, List.of(edit), Set.of())),
                "blocks.99.resid_post", blocks);
        assertNamesSiteAndFix(assertThrows(VlmscopeException.class, () -> lm.hooked().generate(inputs, List.of(edit), 2, Set.of())),
                "blocks.99.resid_post", blocks);
    }

    @Test
    void theFirstSiteOutOfRangeIsTheBlockCountItself() {
        int blocks = lm.model().numLayers();
        PositionEdit last = PositionEdit.add(Sites.residPost(blocks - 1), new int[]{inputs.length() - 1},
                new float[lm.model().hiddenSize()]);
        try (RunResult r = lm.hooked().run(trace, List.of(last), Set.of())) {
            assertArrayEquals(trace.lastLogits(), r.lastLogits(), 1e-5f, "adding zero at the last block changes nothing");
        }
        assertNamesSiteAndFix(assertThrows(VlmscopeException.class,
                () -> lm.hooked().run(trace, List.of(), Set.of(Sites.attnOut(blocks)))), "blocks." + blocks + ".attn_out", blocks);
    }

    @Test
    void readsTraceSpecsAndVisionSitesAreCheckedToo() {
        int vision = lm.model().numVisionLayers();
        assertNamesSiteAndFix(assertThrows(VlmscopeException.class,
                () -> lm.hooked().trace(inputs, TraceSpec.of(List.of(Sites.visionResidPost(vision))))),
                "vision.blocks." + vision + ".resid_post", vision);
        assertNamesSiteAndFix(assertThrows(VlmscopeException.class,
                () -> lm.hooked().trace(inputs, TraceSpec.of(List.of(Sites.EMBED, Sites.residPost(42))))),
                "blocks.42.resid_post", lm.model().numLayers());
    }
}
