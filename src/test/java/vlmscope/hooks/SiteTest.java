package vlmscope.hooks;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiteTest {

    @Test
    void everySiteHasItsTransformerLensNameAndParsesBackToItself() {
        List<String> names = List.of("embed", "blocks.0.resid_pre", "blocks.12.attn.k", "blocks.12.attn.v",
                "blocks.3.attn_out", "blocks.3.mlp_out", "blocks.31.resid_post", "final_norm", "logits",
                "vision.blocks.22.resid_post", "vision.features", "projector.out");
        for (String name : names) assertEquals(name, Site.parse(name).toString());
        assertEquals(Site.Kind.values().length, names.stream().map(n -> Site.parse(n).kind()).distinct().count(),
                "one name per kind");
    }

    @Test
    void shortNamesBuildTheSameValuesAsParsing() {
        assertEquals(Site.parse("blocks.12.resid_post"), Sites.residPost(12));
        assertEquals(Site.parse("vision.blocks.4.resid_post"), Sites.visionResidPost(4));
        assertEquals(12, Sites.residPost(12).block());
        assertTrue(Sites.residPost(12).isDecoder());
        assertTrue(Sites.EMBED.isDecoder());
        assertTrue(Sites.PROJECTOR_OUT.isVision());
        assertFalse(Sites.keys(1).isRows());
        assertFalse(Sites.LOGITS.isDecoder());
    }

    @Test
    void unknownNamesAndNegativeBlocksAreRefused() {
        for (String bad : List.of("blocks.x.resid_post", "blocks.1.resid", "vision.blocks.1.mlp_out", "block.1.resid_post", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Site.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Sites.residPost(-1));
        assertThrows(IllegalArgumentException.class, () -> new Site(Site.Kind.EMBED, 3));
    }
}
