package vlmscope.processing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vlmscope.VlmscopeException;

/** The paper's object-word rule (docs/paper-mapping.md#positions) on the Llama-2 vocabulary, positions in the expanded sequence. */
class WordLocatorTest {

    private static final String PROMPT = "USER: <image>\nIs the frog left of the other frog or of the potted plant?"
            + " ASSISTANT:";
    private static Tokenizer tokenizer;
    private static WordLocator locator;
    private static ModelInput input;

    @BeforeAll
    static void load() {
        tokenizer = Tokenizer.fromPretrained(TokenizerFixtures.LLAVA_TINY_1234);
        locator = new WordLocator(tokenizer);
        input = new LlavaProcessor(tokenizer, "<image>", 32000, 4).prepare(PROMPT, 1); // image tokens at 5..8
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void lastPieceOfSpacePrefixedWord() {
        assertEquals("rog", locator.lastPiece("frog"));
        assertEquals("le", locator.lastPiece("bottle"));
        assertEquals("▁plant", locator.lastPiece("potted plant"));
        assertEquals("▁left", locator.lastPiece("left"));
    }

    @Test
    void occurrencesOfARepeatedWord() {
        // <s> ▁US ER : ▁ <image>x4 ▁ <0x0A> Is ▁the ▁f rog ▁left ▁of ▁the ▁other ▁f rog ...
        assertArrayEquals(new String[] {"Is", "▁the", "▁f", "rog", "▁left", "▁of", "▁the", "▁other", "▁f", "rog"},
                Arrays.copyOfRange(input.tokens(), 11, 21));
        assertArrayEquals(new int[] {14, 20}, locator.positions(input, "frog", Occurrence.ALL));
        assertArrayEquals(new int[] {14}, locator.positions(input, "frog", Occurrence.FIRST));
        assertArrayEquals(new int[] {20}, locator.positions(input, "frog", Occurrence.LAST));
    }

    @Test
    void multiWordObjectUsesLastPieceOfLastWord() {
        int[] positions = locator.positions(input, "potted plant", Occurrence.ALL);
        assertEquals(1, positions.length);
        assertEquals("▁plant", input.tokens()[positions[0]]);
        assertEquals("otted", input.tokens()[positions[0] - 1]);
    }

    @Test
    void absentWordNamesWordPieceAndPrompt() {
        VlmscopeException e = assertThrows(VlmscopeException.class,
                () -> locator.positions(input, "dog", Occurrence.FIRST));
        assertTrue(e.getMessage().startsWith("object word 'dog' (token piece '▁dog') does not occur in the prompt: "
                + PROMPT + ". Fix: "), e.getMessage());
    }

    @Test
    void matchingIsExactSoALineInitialWordIsNotFound() {
        // "Is" follows "\n" and has no ▁, while lastPiece("Is") is "▁Is".
        assertThrows(VlmscopeException.class, () -> locator.positions(input, "Is", Occurrence.ALL));
        assertThrows(VlmscopeException.class, () -> locator.positions(input, " ", Occurrence.ALL));
    }
}
