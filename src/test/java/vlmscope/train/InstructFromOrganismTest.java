package vlmscope.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.VlmscopeException;
import vlmscope.organism.Example;
import vlmscope.organism.HeldOutSplit;
import vlmscope.organism.OrganismPrompts;
import vlmscope.organism.OrganismSpec;
import vlmscope.organism.OrganismWorld;
import vlmscope.tensor.SafetensorsFile;
import vlmscope.world.SceneObject;
import vlmscope.world.WorldRandom;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Instruction tuning started from a trained organism, with a per-example mix and the ViT frozen. */
class InstructFromOrganismTest {

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @TempDir
    Path base;
    @TempDir
    Path tuned;

    @Test
    void startsFromTheOrganismsWeightsAndKeepsAFrozenViT() throws Exception {
        OrganismSpec spec = OrganismSpec.tiny(OrganismWorld.vocabulary(2).size());
        assertEquals(6, new Trainer(base, new TrainerOptions(spec, TrainingPlan.split(6, 4, Stage.INSTRUCT), 3, 2, 4,
                -1, true), QUIET).run());

        InstructMix mix = InstructMix.parse("ground, left_right,left_right", true);
        TrainerOptions options = new TrainerOptions(spec, TrainingPlan.instructOnly(3, 4, 3e-4f), 3, 1, 2, -1, true,
                mix, base);
        Trainer trainer = new Trainer(tuned, options, QUIET);
        assertEquals(3, trainer.run());
        assertTrue(Trainer.finished(tuned, options));
        assertFalse(Trainer.finished(tuned, new TrainerOptions(spec, options.plan(), 3, 1, 2, -1, true)),
                "another recipe is another training");
        Set<String> labels = new HashSet<>();
        trainer.curves().forEach(c -> labels.addAll(c.taskAccuracy().keySet()));
        assertTrue(labels.contains("left_right") && labels.contains("ground_cell"), labels.toString());

        int vision = 0, changed = 0;
        try (SafetensorsFile a = SafetensorsFile.open(base.resolve("model.safetensors"));
             SafetensorsFile b = SafetensorsFile.open(tuned.resolve("model.safetensors"))) {
            assertEquals(a.names(), b.names());
            for (String name : a.names()) {
                if (name.contains("vision_tower")) {
                    assertArrayEquals(a.readFloats(name), b.readFloats(name), 0f, name + " must stay frozen");
                    vision++;
                } else if (!Arrays.equals(a.readFloats(name), b.readFloats(name))) {
                    changed++;
                }
            }
        }
        assertTrue(vision > 0, "the ViT tensors were found");
        assertTrue(changed > 0, "instruction tuning moved the projector or the language model");
    }

    @Test
    void refusesToStartFromAMissingOrganism() {
        OrganismSpec spec = OrganismSpec.tiny(OrganismWorld.vocabulary(2).size());
        TrainerOptions options = new TrainerOptions(spec, TrainingPlan.instructOnly(2, 2, 3e-4f), 3, 1, 2, -1, true,
                InstructMix.parse("ground", false), base.resolve("absent"));
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> new Trainer(tuned, options, QUIET).run());
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InstructMix.parse("left_right,sideways", false));
    }

    @Test
    void groundingNamesEveryObjectByKindWithItsCellInRandomOrder() {
        OrganismWorld world = new OrganismWorld(64, 4, HeldOutSplit.standard());
        int shuffled = 0;
        for (int i = 0; i < 40; i++) {
            Example e = world.grounding(WorldRandom.forItem(7, "ground", i));
            List<SceneObject> objects = e.frames().getFirst().objects();
            List<String> sentences = Arrays.stream(e.answer().split(" \\. ?")).map(String::trim).toList();
            assertEquals(objects.size(), sentences.size(), e.answer());
            List<String> expected = new ArrayList<>();
            for (SceneObject o : objects) {
                // the cell by hand: 16 px per cell on the 64 px canvas
                expected.add("the " + o.kind() + " is at row " + (int) Math.min(3, o.centre().y() / 16)
                        + " column " + (int) Math.min(3, o.centre().x() / 16));
            }
            assertEquals(new HashSet<>(expected), new HashSet<>(sentences), e.answer());
            if (!expected.equals(sentences)) shuffled++;
            assertEquals(OrganismPrompts.chat(OrganismPrompts.DESCRIBE, 1), e.prompt());
        }
        assertTrue(shuffled > 10, "objects come in random order, not list order: " + shuffled + "/40 differ");
    }

    @Test
    void absoluteQuestionsAnswerTheHalfHoldingTheNamedObject() {
        OrganismWorld world = new OrganismWorld(64, 4, HeldOutSplit.standard());
        int[] answers = new int[2];
        for (int i = 0; i < 60; i++) {
            boolean horizontal = i % 2 == 0;
            Example e = world.absolute(horizontal, WorldRandom.forItem(8, "absolute", i));
            String kind = e.prompt().replaceAll("(?s).*Is the (\\w+) .*", "$1");
            SceneObject o = e.frames().getFirst().objects().stream().filter(x -> x.kind().equals(kind)).findFirst()
                    .orElseThrow();
            double c = horizontal ? o.centre().x() : o.centre().y();
            String expected = horizontal ? (c < 32 ? "left" : "right") : (c < 32 ? "above" : "below");
            assertEquals(expected, e.answer(), e.prompt());
            assertTrue(Math.abs(c - 32) >= 4, "objects on the midline are not asked");
            answers[expected.equals("left") || expected.equals("above") ? 0 : 1]++;
        }
        assertTrue(answers[0] > 15 && answers[1] > 15, "both answers appear: " + Arrays.toString(answers));
    }

    @Test
    void perExampleWeightsGiveEveryExampleTheSameShare() {
        List<EncodedExample> examples = List.of(
                new EncodedExample("a", new int[]{5, 6, 7}, 2, List.of()),
                new EncodedExample("b", new int[]{5, 6, 7, 8, 9}, 2, List.of()));
        TextBatch batch = TextBatch.of(examples, 0);
        assertArrayEquals(new float[]{0.5f, 1f / 6, 1f / 6, 1f / 6}, batch.targetWeight(), 1e-7f);
        assertArrayEquals(new String[]{"a", "b", "b", "b"}, batch.targetTask());
    }
}
