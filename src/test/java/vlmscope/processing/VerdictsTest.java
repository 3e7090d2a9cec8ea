package vlmscope.processing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class VerdictsTest {

    @Test
    void substringVerdictsIgnoreCaseOnBothSides() {
        assertEquals(Verdicts.CORRECT, Verdicts.of("Left.", "left", "right"));
        assertEquals(Verdicts.CORRECT, Verdicts.of("left", "Left", "Right"));
        assertEquals(Verdicts.WRONG, Verdicts.of("It is on the RIGHT", "left", "right"));
        assertEquals(Verdicts.NONSENSE, Verdicts.of("left or right", "left", "right"));
        assertEquals(Verdicts.NONSENSE, Verdicts.of("above", "left", "right"));
        assertEquals(Boolean.TRUE, Verdicts.isCorrect("Above", "above", "below"));
        assertEquals(Boolean.FALSE, Verdicts.isCorrect("below", "Above", "Below"));
        assertNull(Verdicts.isCorrect("", "above", "below"));
    }

    @Test
    void saidNamesTheOneChoiceInTheResponse() {
        assertEquals("left", Verdicts.said("Left", List.of("left", "right")));
        assertNull(Verdicts.said("left and right", List.of("left", "right")));
        assertNull(Verdicts.said("up", List.of("left", "right")));
    }
}
