package vlmscope.experiments.steer;

import org.junit.jupiter.api.Test;
import vlmscope.VlmscopeException;
import vlmscope.processing.AnswerReadout;
import vlmscope.processing.AnswerTokens;
import vlmscope.processing.Tokenizer;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AnswerTokensTest {

    @Test
    void llamaPiecesAndMaxReadout() {
        try (Tokenizer tok = Tokenizer.fromPretrained(SteerFixture.MODEL)) {
            AnswerTokens left = AnswerTokens.forWord(tok, "left");
            assertEquals(List.of("▁left", "left", "▁Left", "Left"), left.pieces());
            // the paper's LLaVA rule (§1.7): last piece of tokenize(": Left")
            assertEquals(List.of("▁Left"), AnswerTokens.paperPiece(tok, "left", ": ", true).pieces());
            assertEquals(List.of("left"), AnswerTokens.paperPiece(tok, "left", "", false).pieces());
            float[] lp = new float[tok.vocabSize()];
            java.util.Arrays.fill(lp, -20f);
            lp[left.ids()[2]] = -0.5f;
            lp[left.ids()[0]] = -3f;
            assertEquals(-0.5, left.logProb(lp), 1e-6);
            assertThrows(VlmscopeException.class, () -> AnswerTokens.paperPiece(tok, "qzxv", "", false));
        }
    }
}
