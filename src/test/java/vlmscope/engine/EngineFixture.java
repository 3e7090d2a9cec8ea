package vlmscope.engine;

import vlmscope.engine.Inputs;
import vlmscope.model.Precision;
import vlmscope.processing.ModelInput;
import vlmscope.engine.LoadedModel;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import vlmscope.processing.ImageLoader;

/**
 * The GQA fixture (llava-tiny-5678: 4 layers, 6 heads over 2 KV heads, 256 image tokens) opened for engine tests,
 * and one fixture per family ({@link #FAMILIES}: LLaVA, Qwen2-VL with M-RoPE, Qwen2.5-VL with window attention) for
 * the engine invariants every family must keep.
 */
final class EngineFixture {

    static final Path DIR = Path.of("fixtures/llava-tiny-5678");

    /** One fixture per family, with the image its engine tests use. */
    static final Map<Path, String> FAMILIES = new LinkedHashMap<>(Map.of(
            DIR, "images/shapes_640x480.png",
            Path.of("fixtures/qwen2-vl-tiny"), "images/wide.png",
            Path.of("fixtures/qwen2.5-vl-tiny"), "images/windows.png"));

    static Stream<Path> families() {
        return FAMILIES.keySet().stream().sorted();
    }

    /** A family's fixture with the chat-formatted question about its image, through the one-call prompt path. */
    static Inputs inputs(LoadedModel lm, Path dir, String question) {
        return lm.prompt(ImageLoader.read(dir.resolve(FAMILIES.get(dir))), question, false).inputs();
    }

    private EngineFixture() {
    }

    /** One family's fixture opened in fp32, with its question's inputs and their clean trace (every residual). */
    record Traced(LoadedModel lm, Inputs inputs, Trace trace) {
    }

    /** Each family's {@link Traced} fixture for one question, opened once per test class and closed with it. */
    static final class TracedFamilies implements AutoCloseable {

        private final String question;
        private final Map<Path, Traced> open = new HashMap<>();

        TracedFamilies(String question) {
            this.question = question;
        }

        Traced get(Path dir) {
            return open.computeIfAbsent(dir, d -> {
                LoadedModel lm = LoadedModel.open(d, Precision.FP32);
                Inputs in = inputs(lm, d, question);
                return new Traced(lm, in, lm.hooked().trace(in, TraceSpec.residuals()));
            });
        }

        @Override
        public void close() {
            for (Traced t : open.values()) {
                t.trace().close();
                t.lm().close();
            }
            open.clear();
        }
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
