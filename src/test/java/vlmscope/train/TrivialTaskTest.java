package vlmscope.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.organism.Example;
import vlmscope.organism.OrganismFiles;
import vlmscope.organism.OrganismPrompts;
import vlmscope.organism.OrganismSpec;
import vlmscope.organism.OrganismVocabulary;
import vlmscope.organism.OrganismWorld;
import vlmscope.world.Background;
import vlmscope.world.Box;
import vlmscope.world.Catalogue;
import vlmscope.world.NamedColour;
import vlmscope.world.Palette;
import vlmscope.world.QaTask;
import vlmscope.world.QuestionForms;
import vlmscope.world.Scene;
import vlmscope.world.SceneObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short end-to-end run (ViT, projector, decoder, all trained) learns a trivial task: the colour of the only
 * object in the image, 8 colours (chance 1/8).
 */
class TrivialTaskTest {

    @TempDir
    Path dir;

    @Test
    void learnsTheColourOfASingleObject() {
        OrganismVocabulary vocab = OrganismWorld.vocabulary(2);
        OrganismSpec spec = new OrganismSpec(32, 16, 32, 1, 2, 64, 48, 2, 4, 96, vocab.size());
        OrganismFiles.writeMetadata(dir, spec, vocab);
        try (NDManager root = Engine.getEngine("PyTorch").newBaseManager();
             OrganismParameters params = OrganismParameters.initialise(spec, DenseBatch.headShape(2), root, 5);
             AdamW adam = new AdamW(root, 0.9f, 0.98f, 1e-8f, 0.01f);
             ExampleEncoder encoder = new ExampleEncoder(dir)) {
            StepRunner runner = new StepRunner(new TrainingForward(params), adam, 1f);
            List<Parameter> trainable = params.all().stream().filter(p -> p.group() != ParameterGroup.DENSE_HEAD).toList();
            LearningRateSchedule lr = new LearningRateSchedule(1e-3f, 10, 400, 0.1f);
            SplittableRandom rng = new SplittableRandom(3);
            double smoothed = 0;
            int step = 0;
            for (; step < 400 && smoothed < 0.9; step++) {
                List<EncodedExample> examples = new ArrayList<>();
                for (int i = 0; i < 16; i++) examples.add(encoder.encode(singleObject(rng)));
                TextBatch batch = TextBatch.of(examples, vocab.padId());
                StepRunner.Result r = runner.step(f -> Losses.text(f, batch, vocab.imageId(), false), trainable, lr.at(step));
                smoothed = step < 5 ? 0 : 0.8 * smoothed + 0.2 * r.correct() / (double) r.total();
            }
            System.out.printf("single-object colour: smoothed accuracy %.3f after %d steps%n", smoothed, step);
            assertTrue(smoothed >= 0.6, "accuracy " + smoothed + " after " + step + " steps (chance 0.125)");
        }
    }

    private static Example singleObject(SplittableRandom rng) {
        String kind = Catalogue.names().get(rng.nextInt(Catalogue.names().size()));
        NamedColour colour = Palette.COLOURS.get(rng.nextInt(Palette.COLOURS.size()));
        int side = 24 + rng.nextInt(9);
        Box box = new Box(rng.nextInt(33 - side), rng.nextInt(33 - side), side, side);
        Scene scene = new Scene(32, 32, Background.black(), 0, List.of(SceneObject.of(kind, colour, box)), false);
        String question = QuestionForms.colour(kind) + " " + QuestionForms.instruction(QaTask.COLOUR);
        return new Example("colour", List.of(scene), OrganismPrompts.chat(question, 1), colour.name());
    }
}
