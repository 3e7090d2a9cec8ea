package vlmscope.model.qwen2vl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.VlmscopeException;
import vlmscope.processing.qwen2vl.QwenFixtures;

/** config.json reading: both fixture configs resolve as HF resolves them; bad rope settings are refused. */
class Qwen2VLConfigTest {

    @Test
    void fixtureConfigsResolve() {
        Qwen2VLConfig a = Qwen2VLConfig.fromPretrained(QwenFixtures.FOLDERS.get(0));
        assertEquals("qwen2_vl", a.arch());
        assertEquals(8, a.text().headDim());
        assertEquals(2, a.text().groupSize());
        assertTrue(a.text().tieWordEmbeddings());
        assertEquals(64, a.vision().mlpWidth());
        assertEquals(16, a.vision().outWidth());
        Qwen2VLConfig b = Qwen2VLConfig.fromPretrained(QwenFixtures.FOLDERS.get(1));
        assertEquals("qwen2_5_vl", b.arch());
        assertArrayEquals(new int[] {1}, b.vision().fullAttentionBlocks());
        assertEquals(4, b.vision().windowInTokens());
        assertTrue(b.vision().attendsFully(1) && !b.vision().attendsFully(0));
    }

    @Test
    void anUnknownRopeTypeIsRefused(@TempDir Path dir) throws IOException {
        String config = Files.readString(QwenFixtures.FOLDERS.get(0).resolve("config.json"))
                .replace("\"type\": \"mrope\"", "\"type\": \"yarn\"");
        Files.writeString(dir.resolve("config.json"), config);
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> Qwen2VLConfig.fromPretrained(dir));
        assertTrue(e.getMessage().contains("rope_scaling type 'yarn' is not supported") && e.getMessage().contains("Fix: "),
                e.getMessage());
    }

    @Test
    void anMropeSectionThatDoesNotFitTheHeadIsRefused(@TempDir Path dir) throws IOException {
        String config = Files.readString(QwenFixtures.FOLDERS.get(0).resolve("config.json")).replace("[\n   2,", "[\n   3,");
        Files.writeString(dir.resolve("config.json"), config);
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> Qwen2VLConfig.fromPretrained(dir));
        assertTrue(e.getMessage().contains("does not sum to head_dim / 2 = 4"), e.getMessage());
    }
}
