package vlmscope.experiments.steer;

import vlmscope.experiments.ExperimentOutput;
import vlmscope.model.Precision;
import vlmscope.results.VectorStore;
import vlmscope.engine.LoadedModel;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** The tiny HF fixture (4 layers, d = 36, 224 px) and a synthetic linear ID field for steering tests. */
final class SteerFixture {

    static final Path MODEL = Path.of("fixtures/llava-tiny-5678");
    static final int LAYERS = 4, D = 36, M = 4;

    private SteerFixture() {
    }

    static LoadedModel open() {
        return LoadedModel.open(MODEL, Precision.FP32);
    }

    /** Per layer L, a random horizontal direction a_L and vertical direction b_L: [d]. */
    static float[][] directions(int layer) {
        SplittableRandom r = new SplittableRandom(100 + layer);
        float[] a = new float[D], b = new float[D];
        for (int i = 0; i < D; i++) {
            a[i] = (float) r.nextGaussian();
            b[i] = (float) r.nextGaussian();
        }
        return new float[][] {a, b};
    }

    /**
     * Writes the linear field U_L(x, y) = (x − 1.5)·a_L + (y − 1.5)·b_L at size 224 with axes a_L and b_L
     * to {@code dir/ids.safetensors}.
     */
    static Path linearIds(Path dir) {
        Map<String, float[]> v = new HashMap<>();
        for (int layer = 0; layer < LAYERS; layer++) {
            float[][] ab = directions(layer);
            for (int x = 0; x < M; x++)
                for (int y = 0; y < M; y++) {
                    float[] u = new float[D];
                    for (int i = 0; i < D; i++) u[i] = (float) ((x - 1.5) * ab[0][i] + (y - 1.5) * ab[1][i]);
                    v.put("L" + layer + "/universal/x" + x + "_y" + y + "_s224", u);
                }
            v.put("L" + layer + "/axis/x", ab[0]);
            v.put("L" + layer + "/axis/y", ab[1]);
        }
        Path file = dir.resolve("ids.safetensors");
        VectorStore.write(file, v, ExperimentOutput.object().put("kind", "synthetic linear field"));
        return file;
    }
}
