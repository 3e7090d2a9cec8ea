package vlmscope.experiments.ids;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IdKeysTest {

    @Test
    void universalKeysParseBackToTheirLayerAndCell() {
        GridLoc loc = new GridLoc(3, 1, 224);
        assertEquals("L12/universal/x3_y1_s224", IdKeys.universal(12, loc));
        assertEquals(Optional.of(new IdKeys.Universal(12, loc)), IdKeys.parseUniversal(IdKeys.universal(12, loc)));
        assertEquals(Optional.empty(), IdKeys.parseUniversal(IdKeys.pair(12, "dog_cat", loc)));
        assertEquals(Optional.empty(), IdKeys.parseUniversal(IdKeys.axis(12, false, "x")));
    }
}
