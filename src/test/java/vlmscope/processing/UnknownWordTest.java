package vlmscope.processing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vlmscope.VlmscopeException;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * On the organism's word-level vocabulary every unknown word becomes {@code <unk>}: "zebra" and "giraffe" would both
 * be located at the first {@code <unk>}, so an unknown object word is an error naming the word and the model.
 */
class UnknownWordTest {

    private static final Path ORGANISM = Path.of("models/organism");
    private static Tokenizer tokenizer;
    private static WordLocator locator;

    @BeforeAll
    static void load() {
        tokenizer = Tokenizer.fromPretrained(ORGANISM);
        locator = new WordLocator(tokenizer);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void bothUnknownWordsWouldShareOnePiece() {
        assertEquals(tokenizer.tokenize(" zebra"), tokenizer.tokenize(" giraffe"), "the hazard this guards against");
        assertTrue(tokenizer.isUnknown(tokenizer.tokenize(" zebra").getLast()));
    }

    @Test
    void anUnknownObjectWordIsAnErrorNamingTheWordAndTheModel() {
        for (String word : new String[]{"zebra", "giraffe"}) {
            VlmscopeException e = assertThrows(VlmscopeException.class, () -> locator.lastPiece(word));
            assertTrue(e.getMessage().startsWith(ORGANISM.resolve("tokenizer.json") + ": object word '" + word
                    + "' is outside this model's vocabulary"), e.getMessage());
            assertTrue(e.getMessage().contains("Fix: "));
        }
    }

    @Test
    void aKnownObjectWordIsStillFound() {
        String known = tokenizer.tokenize(" cat").getLast();
        assertFalse(tokenizer.isUnknown(known));
        assertEquals(known, locator.lastPiece("cat"));
    }
}
