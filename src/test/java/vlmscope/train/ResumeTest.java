package vlmscope.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.organism.OrganismSpec;
import vlmscope.organism.OrganismWorld;
import vlmscope.tensor.SafetensorsFile;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resume after a kill: training 12 steps straight, and training that stops abruptly after step 7 (leaving the
 * periodic checkpoint of step 4) and is restarted in a fresh Trainer, give bit-identical weights and identical curves. The run crosses all three
 * stages, so frozen groups, per-parameter AdamW step counts and the data cursor are all exercised.
 */
class ResumeTest {

    /** Bit-exact resume needs the same reduction order in every run: one intra-op thread. */
    @org.junit.jupiter.api.BeforeAll
    static void singleThread() {
        ai.djl.engine.Engine.getEngine("PyTorch");
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
    }

    @TempDir
    Path straight;
    @TempDir
    Path resumed;

    @Test
    void restartFromCheckpointReachesTheSameWeights() throws Exception {
        int vocab = OrganismWorld.vocabulary(2).size();
        OrganismSpec spec = OrganismSpec.tiny(vocab);
        TrainingPlan plan = TrainingPlan.split(12, 4, Stage.INSTRUCT);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        TrainerOptions full = new TrainerOptions(spec, plan, 9, 2, 4, -1, true);
        assertEquals(12, new Trainer(straight, full, quiet).run());

        TrainerOptions killed = new TrainerOptions(spec, plan, 9, 2, 4, 7, true);
        assertEquals(7, new Trainer(resumed, killed, quiet).run());
        assertTrue(Files.isRegularFile(resumed.resolve(Trainer.CHECKPOINT)));
        assertFalse(Files.exists(resumed.resolve("model.safetensors")));
        Trainer second = new Trainer(resumed, full, quiet);
        assertEquals(12, second.run());
        assertFalse(Files.exists(resumed.resolve(Trainer.CHECKPOINT)), "checkpoint removed once finished");
        assertTrue(Trainer.finished(resumed, full));

        try (SafetensorsFile a = SafetensorsFile.open(straight.resolve("model.safetensors"));
             SafetensorsFile b = SafetensorsFile.open(resumed.resolve("model.safetensors"))) {
            assertEquals(a.names(), b.names());
            for (String name : a.names()) assertArrayEquals(a.readFloats(name), b.readFloats(name), 0f, name);
        }
        assertEquals(Files.readString(straight.resolve(Trainer.SUMMARY)).replaceAll("\"samplesPerSecond\" : [0-9.E-]+", ""),
                Files.readString(resumed.resolve(Trainer.SUMMARY)).replaceAll("\"samplesPerSecond\" : [0-9.E-]+", ""));
    }
}
