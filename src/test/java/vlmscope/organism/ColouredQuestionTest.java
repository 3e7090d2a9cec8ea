package vlmscope.organism;

import org.junit.jupiter.api.Test;
import vlmscope.train.InstructMix;
import vlmscope.world.SceneObject;
import vlmscope.world.WorldRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code <task>_coloured}: the same question and answer, every object named by colour and kind. */
class ColouredQuestionTest {

    private final OrganismWorld world = new OrganismWorld(64, 4, HeldOutSplit.standard());

    @Test
    void namesEachObjectWithItsColourAndKeepsTheAnswer() {
        for (int i = 0; i < 20; i++) {
            Example plain = world.training("left_right", WorldRandom.forItem(3, "c", i));
            Example coloured = world.training("left_right_coloured", WorldRandom.forItem(3, "c", i));
            assertEquals("left_right_coloured", coloured.task());
            assertEquals(plain.answer(), coloured.answer());
            String expected = plain.prompt();
            for (SceneObject o : plain.frames().getFirst().objects()) {
                expected = expected.replace("the " + o.kind() + " ", "the " + o.colour() + " " + o.kind() + " ")
                        .replace("the " + o.kind() + "?", "the " + o.colour() + " " + o.kind() + "?");
            }
            assertEquals(expected, coloured.prompt());
            assertTrue(coloured.prompt().matches("(?s).*Is the \\w+ \\w+ to the left or right of the \\w+ \\w+\\?.*"),
                    coloured.prompt());
        }
    }

    @Test
    void colourAndVideoQuestionsHaveNoColouredForm() {
        assertThrows(IllegalArgumentException.class, () -> new InstructMix(java.util.List.of("colour_coloured"), true));
        assertThrows(IllegalArgumentException.class, () -> new InstructMix(java.util.List.of("before_after_coloured"), true));
    }
}
