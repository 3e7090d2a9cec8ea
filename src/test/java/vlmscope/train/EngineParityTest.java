package vlmscope.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.engine.HookedModel;
import vlmscope.engine.RunResult;
import vlmscope.engine.Inputs;
import vlmscope.model.Checkpoint;
import vlmscope.model.llava.LlavaModel;
import vlmscope.model.LoadOptions;
import vlmscope.model.Precision;
import vlmscope.organism.Example;
import vlmscope.organism.HeldOutSplit;
import vlmscope.organism.OrganismFiles;
import vlmscope.organism.OrganismSpec;
import vlmscope.organism.OrganismVocabulary;
import vlmscope.organism.OrganismWorld;
import vlmscope.world.QaTask;
import vlmscope.world.WorldRandom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The organism saved as an HF folder and reloaded through {@code ModelRegistry} + {@code HookedModel} gives the
 * training forward's last-position logits within 1e-4, on still images and a multi-frame video, batched with
 * right padding.
 */
class EngineParityTest {

    @TempDir
    Path dir;

    @Test
    void engineLogitsEqualTrainingForwardLogits() {
        OrganismVocabulary vocab = OrganismWorld.vocabulary(4);
        OrganismSpec spec = new OrganismSpec(64, 16, 32, 2, 2, 64, 48, 3, 4, 96, vocab.size());
        OrganismFiles.writeMetadata(dir, spec, vocab);
        OrganismWorld world = new OrganismWorld(64, 4, HeldOutSplit.standard());
        List<Example> examples = new ArrayList<>();
        examples.add(world.question(QaTask.LEFT_RIGHT, false, WorldRandom.forItem(1, "parity", 0)));
        examples.add(world.question(QaTask.BEFORE_AFTER, false, WorldRandom.forItem(1, "parity", 1)));
        examples.add(world.question(QaTask.COLOUR, true, WorldRandom.forItem(1, "parity", 2)));
        examples.add(world.caption(WorldRandom.forItem(1, "parity", 3)));
        try (NDManager root = Engine.getEngine("PyTorch").newBaseManager();
             OrganismParameters params = OrganismParameters.initialise(spec, DenseBatch.headShape(4), root, 3);
             ExampleEncoder encoder = new ExampleEncoder(dir)) {
            Trainer.exportModel(dir, spec, params, vocab);
            List<EncodedExample> prompts = new ArrayList<>();
            for (Example e : examples) {
                EncodedExample full = encoder.encode(e);
                int[] prompt = java.util.Arrays.copyOf(full.ids(), full.promptLength());
                prompts.add(new EncodedExample(full.task(), prompt, prompt.length, full.pixels()));
            }
            float[][] training = new float[prompts.size()][];
            try (NDScope ignored = new NDScope()) {
                TrainingForward f = new TrainingForward(params);
                TextBatch batch = TextBatch.of(prompts, vocab.padId());
                NDArray px = Trainer.pixels(f.manager(), batch.pixels(), batch.images(), 64);
                NDArray tokens = f.project(f.visionFeatures(px)).reshape(-1, spec.textHidden());
                NDArray hidden = f.decoder(f.embed(batch.ids(), tokens, vocab.imageId()));
                int[] b = new int[prompts.size()], pos = new int[prompts.size()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = i;
                    pos[i] = prompts.get(i).ids().length - 1;
                }
                NDArray logits = f.logitsAt(hidden, b, pos);                                  // [4, V]
                for (int i = 0; i < b.length; i++) training[i] = logits.get(i).toFloatArray();
            }
            Checkpoint checkpoint = Checkpoint.open(dir);
            try (LlavaModel model = LlavaModel.load(checkpoint, LoadOptions.standard(checkpoint, Precision.FP32))) {
                HookedModel hooked = new HookedModel(model);
                assertEquals(vocab.imageId(), model.config().imageTokenIndex());
                assertEquals(16, model.config().imageSeqLength());
                for (int i = 0; i < prompts.size(); i++) {
                    EncodedExample p = prompts.get(i);
                    try (RunResult r = hooked.run(new Inputs(p.ids(), p.pixels()), List.of(), Set.of())) {
                        float[] engine = r.lastLogits();
                        assertEquals(vocab.size(), engine.length);
                        double maxDiff = 0, maxAbs = 0;
                        for (int v = 0; v < engine.length; v++) {
                            maxDiff = Math.max(maxDiff, Math.abs(engine[v] - training[i][v]));
                            maxAbs = Math.max(maxAbs, Math.abs(engine[v]));
                        }
                        System.out.printf("%s: %d tokens, %d frames, max |logit| %.3f, max diff %.2e%n", p.task(),
                                p.ids().length, p.pixels().size(), maxAbs, maxDiff);
                        assertTrue(maxAbs > 0.1, "logits should not be trivially zero");
                        assertTrue(maxDiff <= 1e-4, p.task() + ": engine vs training forward differ by " + maxDiff);
                    }
                }
            }
        }
    }
}
