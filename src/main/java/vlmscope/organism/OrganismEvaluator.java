package vlmscope.organism;

import vlmscope.processing.AnswerReadout;
import vlmscope.engine.HookedModel;
import vlmscope.engine.LoadedModel;
import vlmscope.engine.RunResult;
import vlmscope.engine.Inputs;
import vlmscope.model.Precision;
import vlmscope.processing.ClipImageProcessor;
import vlmscope.processing.Tokenizer;
import vlmscope.world.QaTask;
import vlmscope.world.Scene;
import vlmscope.world.SceneRenderer;
import vlmscope.world.WorldRandom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-task accuracy of a checkpoint on fresh held-out questions, run through the engine exactly as a user runs it
 * ({@link LoadedModel}: the folder's model, tokenizer and processors). A question counts as
 * correct when the argmax over the whole vocabulary at the last prompt position is the answer word.
 * Question i of task t comes from {@code WorldRandom.forItem(seed, "eval-" + t, i)}.
 */
public final class OrganismEvaluator {

    /** Accuracy of one task. */
    public record TaskAccuracy(String task, int correct, int n) {
        public double accuracy() {
            return n == 0 ? 0 : correct / (double) n;
        }
    }

    private OrganismEvaluator() {
    }

    /** Accuracy on every task of {@link OrganismWorld#TASKS}. */
    public static Map<String, TaskAccuracy> evaluate(Path modelDir, long seed, int n) {
        return evaluate(modelDir, seed, n, OrganismWorld.TASKS);
    }

    /** Accuracy on {@code tasks}, n held-out questions each. */
    public static Map<String, TaskAccuracy> evaluate(Path modelDir, long seed, int n, List<QaTask> tasks) {
        Map<String, TaskAccuracy> out = new LinkedHashMap<>();
        try (LoadedModel lm = LoadedModel.open(modelDir, Precision.FP32)) {
            Tokenizer tokenizer = lm.tokenizer();
            ClipImageProcessor images = lm.imageProcessor();
            OrganismWorld world = new OrganismWorld(lm.model().imageSize(), lm.model().patchGridSize(), HeldOutSplit.standard());
            HookedModel hooked = lm.hooked();
            for (QaTask task : tasks) {
                String key = OrganismWorld.key(task);
                int correct = 0;
                for (int i = 0; i < n; i++) {
                    Example e = world.question(task, true, WorldRandom.forItem(seed, "eval-" + key, i));
                    int[] ids = lm.prepare(e.prompt(), e.frames().size()).ids();
                    int answer = new AnswerReadout.FirstEncodedId().resolve(tokenizer, e.answer()).id();
                    try (RunResult r = hooked.run(new Inputs(ids, pixels(images, e.frames())), List.of(), Set.of())) {
                        if (argmax(r.lastLogits()) == answer) correct++;
                    }
                }
                out.put(key, new TaskAccuracy(key, correct, n));
            }
        }
        return out;
    }

    private static List<float[]> pixels(ClipImageProcessor images, List<Scene> frames) {
        Map<Scene, float[]> done = new IdentityHashMap<>();
        List<float[]> out = new ArrayList<>();
        for (Scene s : frames) out.add(done.computeIfAbsent(s, f -> images.preprocess(SceneRenderer.render(f))));
        return out;
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
