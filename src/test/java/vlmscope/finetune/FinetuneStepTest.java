package vlmscope.finetune;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.experiments.ids.SpatialIdFile;
import vlmscope.organism.HeldOutSplit;
import vlmscope.train.AdamW;
import vlmscope.train.ExampleEncoder;
import vlmscope.train.OrganismParameters;
import vlmscope.train.Parameter;
import vlmscope.train.StepRunner;
import vlmscope.train.TrainingForward;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FinetuneStepTest {

    @TempDir
    Path tmp;

    /** Centred rows equal to their targets give loss 0, opposite ones 2, and fewer than two items none. */
    @Test
    void spatialIdLossClosedForms() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            // rows (1,0), (-1,0) → mean 0, centred = rows
            NDArray hidden = m.create(new float[]{9, 9, 1, 0, 9, 9, -1, 0}, new Shape(2, 2, 2));  // [B=2, T=2, d=2]
            int[] pos = {1, 1};
            assertEquals(0f, FinetuneObjective.spatialIdLoss(hidden, pos, new float[][]{{2, 0}, {-3, 0}}).getFloat(), 1e-6);
            assertEquals(2f, FinetuneObjective.spatialIdLoss(hidden, pos, new float[][]{{-2, 0}, {3, 0}}).getFloat(), 1e-6);
            assertEquals(1f, FinetuneObjective.spatialIdLoss(hidden, pos, new float[][]{{0, 1}, {0, 1}}).getFloat(), 1e-6);
            assertNull(FinetuneObjective.spatialIdLoss(hidden, new int[]{1, -1}, new float[][]{{1, 0}, {1, 0}}));
        }
    }

    /** The tapped decoder returns the plain decoder's output, and the last block's output when the last block is tapped. */
    @Test
    void tappedDecoderMatchesTheDecoder() {
        Path model = TinyOrganism.model(tmp.resolve("m"));
        TrainableCheckpoint ckpt = TrainableCheckpoint.open(model);
        try (NDManager root = Engine.getEngine("PyTorch").newBaseManager();
             OrganismParameters params = ckpt.load(root, n -> null);
             NDScope ignored = new NDScope()) {
            NDArray x = params.manager().randomNormal(new Shape(2, 7, 32));                       // [B, T, d]
            float[] reference = new TrainingForward(params).decoder(x).toFloatArray();
            TrainingForward.Tapped h = new TrainingForward(params).decoder(x, 1);
            assertArrayEquals(reference, h.last().toFloatArray(), 1e-6f);
            assertArrayEquals(reference, h.tapped().toFloatArray(), 1e-6f);
        }
    }

    /** A few steps of LM + ID loss (every tensor trainable) on one fixed-object batch lower its spatial-ID loss. */
    @Test
    void stepsLowerTheSpatialIdLoss() {
        Path model = TinyOrganism.model(tmp.resolve("m"));
        SpatialIdFile ids = SpatialIdFile.read(TinyOrganism.ids(tmp.resolve("ids.safetensors")), null);
        TrainableCheckpoint ckpt = TrainableCheckpoint.open(model);
        PairData data = new PairData(ckpt.spec().canvas(), 2, HeldOutSplit.standard());
        List<PairItem> items = new FixedObjectSampler(data, data.groups(false), 15, 1).batch(0);
        assertEquals(4, items.size());
        assertEquals(1, items.stream().map(i -> i.obj1() + i.x1() + i.y1() + i.obj2()).distinct().count());
        try (NDManager root = Engine.getEngine("PyTorch").newBaseManager();
             OrganismParameters params = ckpt.load(root, n -> null);
             AdamW adam = new AdamW(root, 0.9f, 0.999f, 1e-8f, 0.01f);
             ExampleEncoder encoder = new ExampleEncoder(model)) {
            Set<String> chosen = Set.copyOf(ParameterSelector.select(TrainableCheckpoint.sizes(params),
                    ParameterSelector.Kind.RANDOM, 6, 1.0, false, 0));
            List<Parameter> trainable = params.all().stream().filter(p -> chosen.contains(p.name())).toList();
            TrainingForward forward = new TrainingForward(params);
            FinetuneObjective objective = new FinetuneObjective(forward, encoder, ids,
                    TinyOrganism.LAYER, ckpt);
            FinetuneObjective.Batch batch = objective.encode(items);
            for (int p : batch.objectPosition()) assertTrue(p > 0);
            StepRunner runner = new StepRunner(forward, adam, 1f);
            float[] id = new float[2];
            for (int step = 0; step < 12; step++) {
                int s = step;
                runner.step(f -> {
                    FinetuneObjective.Parts parts = objective.losses(batch, false);
                    if (s == 0) id[0] = parts.id().getFloat();
                    id[1] = parts.id().getFloat();
                    return new StepRunner.Loss(parts.lm().add(parts.id()), parts.logits(), parts.targets());
                }, trainable, 1e-2f);
            }
            assertTrue(id[1] < id[0] - 0.1f, "ID loss " + id[0] + " -> " + id[1]);
        }
    }
}
