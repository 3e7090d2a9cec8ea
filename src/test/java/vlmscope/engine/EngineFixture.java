package vlmscope.engine;

import vlmscope.engine.Inputs;
import vlmscope.model.Precision;
import vlmscope.processing.ModelInput;
import vlmscope.engine.LoadedModel;

import java.nio.file.Path;
import java.util.List;

/** The GQA fixture (llava-tiny-5678: 4 layers, 6 heads over 2 KV heads, 256 image tokens) opened for engine tests. */
final class EngineFixture {

    static final Path DIR = Path.of("fixtures/llava-tiny-5678");

    private EngineFixture() {
    }

    static LoadedModel open(Precision precision) {
        return LoadedModel.open(DIR, precision);
    }

    static Inputs inputs(LoadedModel lm, String question) {
        ModelInput input = lm.prepare(lm.render(question, false, true), 1);
        return lm.inputs(input, List.of(DIR.resolve("images/shapes_640x480.png")));
    }

    static float[] randomVector(int d, long seed, float scale) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] v = new float[d];
        for (int i = 0; i < d; i++) v[i] = (float) (r.nextGaussian() * scale);
        return v;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }
}
