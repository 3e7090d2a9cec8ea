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

    @Test
    void firstWordRuleJudgesTheAnswerAModelBeginsWith() {
        Verdicts.Rule first = Verdicts.Rule.FIRST_WORD;
        // an organism that keeps generating: the substring rule calls it nonsense, the first word is the answer
        assertEquals(Verdicts.NONSENSE, Verdicts.Rule.SUBSTRING.verdict("right left far white star 3 . the", "right", "left"));
        assertEquals(Verdicts.CORRECT, first.verdict("right left far white star 3 . the", "right", "left"));
        assertEquals(Verdicts.WRONG, first.verdict(" Left, then right", "right", "left"));
        assertEquals(Verdicts.CORRECT, first.verdict("\"Above\" it is", "above", "below"));
        assertEquals(Verdicts.NONSENSE, first.verdict("leftmost", "left", "right"), "a longer word is not the answer");
        assertEquals(Verdicts.NONSENSE, first.verdict("the dog is left", "left", "right"));
        assertEquals(Verdicts.NONSENSE, first.verdict("", "left", "right"));
        assertEquals(Boolean.FALSE, first.isCorrect("below", "above", "below"));
        assertEquals(Verdicts.CORRECT, first.verdict("in front of the cat", "in front", "behind"), "multi-word answers");
        assertEquals(first, Verdicts.Rule.parse("First-Word"));
        assertEquals(Verdicts.Rule.SUBSTRING, Verdicts.Rule.parse("substring"));
    }
}
