package vlmscope.finetune;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import vlmscope.Json;
import vlmscope.experiments.ids.GridLoc;
import vlmscope.experiments.ids.IdKeys;
import vlmscope.organism.OrganismSpec;
import vlmscope.organism.OrganismVocabulary;
import vlmscope.organism.OrganismWorld;
import vlmscope.results.VectorStore;
import vlmscope.train.DenseBatch;
import vlmscope.train.OrganismParameters;
import vlmscope.train.Trainer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** A randomly initialised tiny organism folder (2×2 grid, d = 32, 2 blocks) and a random universal-ID file for it. */
final class TinyOrganism {

    static final int LAYER = 0;

    private TinyOrganism() {
    }

    static Path model(Path dir) {
        OrganismVocabulary vocab = OrganismWorld.vocabulary(2);
        OrganismSpec spec = OrganismSpec.tiny(vocab.size());
        try (NDManager root = Engine.getEngine("PyTorch").newBaseManager();
             OrganismParameters params = OrganismParameters.initialise(spec, DenseBatch.headShape(2), root, 7)) {
            Trainer.exportModel(dir, spec, params, vocab);
        }
        return dir;
    }

    /** Random unit-scale universal IDs for each cell of the 2×2 grid at {@link #LAYER}, width 32. */
    static Path ids(Path file) {
        SplittableRandom rng = new SplittableRandom(3);
        Map<String, float[]> vectors = new HashMap<>();
        for (int x = 0; x < 2; x++) {
            for (int y = 0; y < 2; y++) {
                float[] v = new float[32];
                for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextGaussian();
                vectors.put(IdKeys.universal(LAYER, new GridLoc(x, y, 32)), v);
            }
        }
        VectorStore.write(file, vectors, Json.MAPPER.createObjectNode());
        return file;
    }
}
