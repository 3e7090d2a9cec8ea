package vlmscope.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.organism.OrganismSpec;
import vlmscope.organism.OrganismWorld;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alignment stage's task mix can be changed (an organism whose position supervision never sits on an object
 * word): the stage then draws only from it, the recipe records it, and unknown keys are refused.
 */
class AlignmentMixTest {

    @TempDir
    Path dir;

    @Test
    void recipeNamesACustomAlignmentOnly() {
        InstructMix standard = InstructMix.standard();
        assertFalse(standard.customAlignment());
        assertEquals(InstructMix.ALIGN_TASKS, standard.alignTasks());
        InstructMix untaught = standard.withAlignment("caption, ground");
        assertEquals(List.of("caption", "ground"), untaught.alignTasks());
        assertEquals(standard.tasks(), untaught.tasks());
        assertTrue(untaught.customAlignment());
        TrainerOptions plain = new TrainerOptions(null, null, 0, 1, 1, -1, true, standard, null);
        TrainerOptions custom = new TrainerOptions(null, null, 0, 1, 1, -1, true, untaught, null);
        assertFalse(plain.recipe().contains("align="), plain.recipe());
        assertTrue(custom.recipe().endsWith("align=[caption, ground]"), custom.recipe());
    }

    @Test
    void unknownAlignmentTaskIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InstructMix.standard().withAlignment("caption,sideways"));
        assertTrue(e.getMessage().contains("unknown alignment task 'sideways'"), e.getMessage());
    }

    @Test
    void alignmentStageDrawsOnlyFromTheCustomMix() {
        ai.djl.engine.Engine.getEngine("PyTorch");
        OrganismSpec spec = OrganismSpec.tiny(OrganismWorld.vocabulary(2).size());
        InstructMix mix = InstructMix.parse("left_right", true).withAlignment("ground");
        TrainerOptions options = new TrainerOptions(spec, TrainingPlan.split(12, 4, Stage.ALIGN), 5, 2, 12, -1, true,
                mix, null);
        Trainer trainer = new Trainer(dir, options, new PrintStream(new ByteArrayOutputStream()));
        trainer.run();
        Set<String> alignLabels = new TreeSet<>();
        for (CurvePoint p : trainer.curves()) {
            if (p.stage().equals(Stage.ALIGN.key())) alignLabels.addAll(p.taskAccuracy().keySet());
        }
        assertFalse(alignLabels.isEmpty(), "the run has alignment curve points");
        assertEquals(Set.of("ground", "ground_cell"), alignLabels);
    }
}
