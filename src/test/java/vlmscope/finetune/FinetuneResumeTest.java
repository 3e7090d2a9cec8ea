package vlmscope.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.Json;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.results.ResultStore;
import vlmscope.train.OrganismParameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FinetuneResumeTest {

    /** Bit-exact resume needs the same reduction order in every run: one intra-op thread. */
    @org.junit.jupiter.api.BeforeAll
    static void singleThread() {
        ai.djl.engine.Engine.getEngine("PyTorch");
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
    }

    @TempDir
    Path tmp;

    /** A run stopped mid-way (as by a kill) and restarted gives the same records as one uninterrupted run. */
    @Test
    void killedRunResumesToTheSameNumbers() {
        Path model = TinyOrganism.model(tmp.resolve("m"));
        Path ids = TinyOrganism.ids(tmp.resolve("ids.safetensors"));
        FinetuneSettings s = new FinetuneSettings(ids, TinyOrganism.LAYER, "random", 6, 1.0, false, 1e-2f, 0.01f,
                4, 4, 2, 1, 1f, List.of(1L), true);
        ExperimentOutput whole = new ExperimentOutput(tmp.resolve("whole"));
        assertNotNull(new FinetuneExperiment(model, s, whole).run(true, List.of(), -1));

        ExperimentOutput killed = new ExperimentOutput(tmp.resolve("killed"));
        assertNull(new FinetuneExperiment(model, s, killed).run(true, List.of(), 3));
        assertTrue(Files.exists(killed.dir().resolve("checkpoint-baseline-s1.safetensors")));
        assertNotNull(new FinetuneExperiment(model, s, killed).run(false, List.of(), -1));
        assertFalse(Files.exists(killed.dir().resolve("checkpoint-baseline-s1.safetensors")));

        List<JsonNode> a = ResultStore.read(whole.resultsFile()).records();
        List<JsonNode> b = ResultStore.read(killed.resultsFile()).records();
        assertEquals(6, a.size()); // 2 arms × steps 0, 2, 4
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            for (String f : List.of("arm", "step", "lm_loss", "id_loss", "accuracy")) assertEquals(a.get(i).get(f), b.get(i).get(f), f);
        }
        JsonNode idArm = whole.summaryFile().toFile().exists() ? read(whole.summaryFile()).path("final").path("id-loss") : null;
        assertNotNull(idArm);
        assertEquals(4, idArm.path("step").asInt());
        assertTrue(Files.exists(whole.figuresDir().resolve("finetune.png")));
        assertTrue(Files.exists(whole.figuresDir().resolve("finetune.svg")));
        Path saved = whole.dir().resolve("models/id-loss-s1");
        assertTrue(Files.exists(saved.resolve("config.json")));
        // the saved folder loads as a trainable checkpoint and holds the fine-tuned projector, not the source's
        TrainableCheckpoint reloaded = TrainableCheckpoint.open(saved);
        try (ai.djl.ndarray.NDManager root = ai.djl.engine.Engine.getEngine("PyTorch").newBaseManager();
             OrganismParameters before = TrainableCheckpoint.open(model).load(root, n -> null);
             OrganismParameters after = reloaded.load(root, n -> null)) {
            String name = "multi_modal_projector.linear_1.weight";
            assertFalse(java.util.Arrays.equals(before.get(name).toFloatArray(), after.get(name).toFloatArray()));
        }
    }

    private static JsonNode read(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
