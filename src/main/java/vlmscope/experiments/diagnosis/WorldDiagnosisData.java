package vlmscope.experiments.diagnosis;

import vlmscope.world.BackgroundChoice;
import vlmscope.world.DepthSceneGenerator;
import vlmscope.world.FreeSceneGenerator;
import vlmscope.world.QaGenerator;
import vlmscope.world.QaItem;
import vlmscope.world.QaTask;
import vlmscope.world.Scene;
import vlmscope.world.SceneObject;
import vlmscope.world.SceneRenderer;
import vlmscope.world.WorldRandom;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Diagnosis samples from the synthetic world. Sample i depends only on (seed, i), so a larger {@code n} extends a
 * smaller one with the same first samples (what resuming relies on).
 */
public final class WorldDiagnosisData {

    private WorldDiagnosisData() {
    }

    /**
     * Depth sample i: a {@link DepthSceneGenerator} scene asked above/below and front/behind about the farther
     * object (even i) or the nearer one (odd i), so both labels of each question occur equally often.
     */
    public static DepthSample depth(int index, long seed, int canvas, BackgroundChoice backgrounds) {
        return depth(index, seed, canvas, backgrounds, false);
    }

    /**
     * As {@link #depth(int, long, int, BackgroundChoice)}, or with {@code counterCue} a
     * {@link DepthSceneGenerator#counterCue} scene (its own random stream, sample id "c{i}"): the farther object stands
     * lower, so above/below and front/behind disagree.
     */
    public static DepthSample depth(int index, long seed, int canvas, BackgroundChoice backgrounds, boolean counterCue) {
        SplittableRandom rng = WorldRandom.forItem(seed, counterCue ? "diagnosis/depth-counter-cue" : "diagnosis/depth", index);
        DepthSceneGenerator generator = counterCue ? DepthSceneGenerator.counterCue(canvas, backgrounds)
                : new DepthSceneGenerator(canvas, backgrounds);
        while (true) {
            Scene scene = generator.generate(rng);
            List<SceneObject> objects = scene.objects();                     // far first
            SceneObject subject = objects.get(index % 2 == 0 ? 0 : 1), object = objects.get(index % 2 == 0 ? 1 : 0);
            Optional<QaItem> height = ask(scene, QaTask.ABOVE_BELOW, subject, object);
            Optional<QaItem> depth = ask(scene, QaTask.FRONT_BEHIND, subject, object);
            if (height.isPresent() && depth.isPresent()) {
                return new DepthSample((counterCue ? "c" : "d") + index, SceneRenderer.render(scene), scene, height.get(), depth.get());
            }
        }
    }

    /**
     * Two-object sample i: a free scene with a left/right (even i) or above/below (odd i) question about two of
     * its objects, boxes from the scene annotation.
     */
    public static TwoObjectSample twoObject(int index, long seed, int canvas, BackgroundChoice backgrounds) {
        SplittableRandom rng = WorldRandom.forItem(seed, "diagnosis/two-object", index);
        QaTask task = index % 2 == 0 ? QaTask.LEFT_RIGHT : QaTask.ABOVE_BELOW;
        while (true) {
            Scene scene = new FreeSceneGenerator(canvas, backgrounds).generate(rng);
            List<QaItem> items = QaGenerator.forScene(scene, Set.of(task));
            if (items.isEmpty()) continue;
            QaItem item = items.get(rng.nextInt(items.size()));
            BufferedImage image = SceneRenderer.render(scene);
            return new TwoObjectSample("s" + index, () -> image, scene.width(), scene.height(),
                    scene.object(item.objectWords().get(0)).box(), scene.object(item.objectWords().get(1)).box(), item);
        }
    }

    private static Optional<QaItem> ask(Scene scene, QaTask task, SceneObject subject, SceneObject object) {
        return QaGenerator.forScene(scene, Set.of(task)).stream()
                .filter(q -> q.objectWords().equals(List.of(subject.kind(), object.kind()))).findFirst();
    }
}
