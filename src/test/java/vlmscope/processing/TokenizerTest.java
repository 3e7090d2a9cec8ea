package vlmscope.processing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.VlmscopeException;

/** The fixture tokenizer (Llama-2 + {@code <image>}, {@code <pad>}) against HF-verified facts (fixtures/README.md 10, docs/paper-mapping.md#positions). */
class TokenizerTest {

    private static Tokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = Tokenizer.fromPretrained(TokenizerFixtures.LLAVA_TINY_1234);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void imageMarkerIsSplitOffBeforeTheNormalizer() {
        TokenizedText encoded = tokenizer.encode("<image>\n", false);
        assertArrayEquals(new int[] {32000, 29871, 13}, encoded.ids());
        assertArrayEquals(new String[] {"<image>", "▁", "<0x0A>"}, encoded.tokens());
    }

    @Test
    void unexpandedLlavaPromptHas18IdsWithBosOnly() {
        TokenizedText encoded = tokenizer.encode("USER: <image>\nDescribe the image:\nASSISTANT:", true);
        assertEquals(18, encoded.size());
        assertEquals(1, encoded.ids()[0]);
        assertEquals(1, Arrays.stream(encoded.ids()).filter(id -> id == 1).count(), "one BOS");
        assertTrue(Arrays.stream(encoded.ids()).noneMatch(id -> id == 2), "no EOS");
    }

    @Test
    void paperTableOfLastSubTokens() {
        assertEquals(List.of("▁", "▁f", "rog"), tokenizer.tokenize(" frog"));
        assertEquals(List.of("▁", "▁bott", "le"), tokenizer.tokenize(" bottle"));
        assertEquals(List.of("▁", "▁p", "otted", "▁plant"), tokenizer.tokenize(" potted plant"));
        assertEquals(List.of("▁", "▁left"), tokenizer.tokenize(" left"));
        assertEquals("▁dog", tokenizer.tokenize(" dog").getLast());
        assertEquals("▁person", tokenizer.tokenize(" person").getLast());
    }

    @Test
    void answerWordPiecesAndIds() {
        assertEquals(Optional.of(8091), tokenizer.tokenToId("Left"));
        assertEquals(Optional.of(7341), tokenizer.tokenToId("Right"));
        assertEquals(Optional.of(1563), tokenizer.tokenToId("left"));
        assertEquals(Optional.of(1266), tokenizer.tokenToId("right"));
        assertEquals(Optional.of(19941), tokenizer.tokenToId("▁Left"));
        assertEquals(Optional.of(10428), tokenizer.tokenToId("▁Right"));
        assertEquals(Optional.of(2175), tokenizer.tokenToId("▁left"));
        assertEquals(Optional.of(1492), tokenizer.tokenToId("▁right"));
        assertArrayEquals(new int[] {19941}, tokenizer.encode("Left", false).ids());
        assertArrayEquals(new int[] {29871, 19941}, tokenizer.encode(" Left", false).ids());
        assertEquals(Optional.empty(), tokenizer.tokenToId("no such piece"));
    }

    @Test
    void vocabularyAndSpecialTokens() {
        assertEquals(32002, tokenizer.vocabSize(), "32000 Llama-2 pieces + <image> + <pad>");
        assertEquals(1, tokenizer.bosId());
        assertEquals(2, tokenizer.eosId());
        assertEquals(32001, tokenizer.padId());
        assertEquals("<image>", tokenizer.idToToken(32000));
        assertArrayEquals(new String[] {"<s>", "▁Left", "<0x0A>"}, tokenizer.tokens(new int[] {1, 19941, 13}));
        assertThrows(VlmscopeException.class, () -> tokenizer.idToToken(32002));
        assertThrows(VlmscopeException.class, () -> tokenizer.idToToken(-1));
    }

    @Test
    void decodeRoundTrips() {
        String text = "Is the red circle on the left?";
        int[] ids = tokenizer.encode(text, true).ids();
        assertEquals(text, tokenizer.decode(ids, true));
        assertTrue(tokenizer.decode(ids, false).startsWith("<s>"), tokenizer.decode(ids, false));
    }

    @Test
    void offsetsAreJavaStringIndicesEvenAfterAnEmoji() {
        String text = "Hi \uD83D\uDE00 frog"; // the emoji is one code point but two UTF-16 chars
        TokenizedText encoded = tokenizer.encode(text, true);
        assertArrayEquals(new String[] {"<s>", "▁Hi", "▁", "<0xF0>", "<0x9F>", "<0x98>", "<0x80>", "▁f", "rog"},
                encoded.tokens());
        assertArrayEquals(new int[] {-1, 0, 2, 3, 3, 3, 3, 5, 7}, encoded.starts());
        assertArrayEquals(new int[] {-1, 2, 3, 5, 5, 5, 5, 7, 10}, encoded.ends());
        assertEquals("rog", text.substring(encoded.starts()[8], encoded.ends()[8]));
        assertEquals("\uD83D\uDE00", text.substring(encoded.starts()[3], encoded.ends()[3]));
    }

    @Test
    void neverTruncatesLongInputs() {
        assertEquals(700, tokenizer.encode("<image>".repeat(700), false).size());
    }

    @Test
    void missingTokenizerFileIsNamed(@TempDir Path dir) {
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> Tokenizer.fromPretrained(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("tokenizer.json") + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("Fix: "), e.getMessage());
    }

    @Test
    void corruptTokenizerFileIsNamed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"vocab\": ");
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> Tokenizer.fromPretrained(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("tokenizer.json") + ": not readable as JSON"), e.getMessage());
    }

    @Test
    void tokenizerThatHfRejectsIsNamed(@TempDir Path dir) throws IOException {
        // The public Llama-2 file has merges containing literal spaces ("▁  "): HF tokenizers rejects it (BadMerges).
        String valid = Files.readString(TokenizerFixtures.LLAVA_TINY_1234.resolve("tokenizer.json"));
        String rejected = valid.replaceFirst("\"merges\":\\s*\\[", "\"merges\": [\"\u2581  \", ");
        assertNotEquals(valid, rejected);
        Files.writeString(dir.resolve("tokenizer.json"), rejected);
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> Tokenizer.fromPretrained(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("tokenizer.json") + ": HF tokenizers cannot load it"),
                e.getMessage());
    }

    @Test
    void configFlagsDecideBosAndEos(@TempDir Path dir) throws IOException {
        Files.copy(TokenizerFixtures.LLAVA_TINY_1234.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        Files.writeString(dir.resolve("tokenizer_config.json"),
                "{\"add_bos_token\": false, \"add_eos_token\": true, \"bos_token\": \"<s>\", \"eos_token\": \"</s>\"}");
        try (Tokenizer flagged = Tokenizer.fromPretrained(dir)) {
            TokenizedText encoded = flagged.encode("left", true);
            assertArrayEquals(new int[] {2175, 2}, encoded.ids());
            assertArrayEquals(new int[] {0, -1}, encoded.starts());
        }
    }

    @Test
    void unknownSpecialTokenInConfigIsNamed(@TempDir Path dir) throws IOException {
        Files.copy(TokenizerFixtures.LLAVA_TINY_1234.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"bos_token\": \"<bos>\"}");
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> Tokenizer.fromPretrained(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("tokenizer_config.json") + ": bos_token"), e.getMessage());
    }
}
