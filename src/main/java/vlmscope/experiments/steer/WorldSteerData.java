package vlmscope.experiments.steer;

import vlmscope.world.BackgroundChoice;
import vlmscope.world.FreeSceneGenerator;
import vlmscope.world.InBetweenGenerator;
import vlmscope.world.NearFarGenerator;
import vlmscope.world.QaGenerator;
import vlmscope.world.QaItem;
import vlmscope.world.QaTask;
import vlmscope.world.Scene;
import vlmscope.world.SceneRenderer;
import vlmscope.world.WorldRandom;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Steering samples from the synthetic world. Sample i depends only on (seed, task, i), so a run with a larger
 * {@code n} extends a smaller one with the same first samples (what resuming relies on).
 * <ul>
 *   <li>left/right and above/below: free two-or-three-object scenes, one question per scene;</li>
 *   <li>near/far: {@link NearFarGenerator} scenes, asking about the near object (even i) or the far one (odd i)
 *       relative to the reference, so labels are balanced;</li>
 *   <li>in-between: {@link InBetweenGenerator} scenes, asking about the subject.</li>
 * </ul>
 */
public final class WorldSteerData {

    private WorldSteerData() {
    }

    /** {@code n} samples of {@code task} on a {@code canvas}-pixel square. */
    public static List<SteerSample> generate(QaTask task, int n, long seed, int canvas, BackgroundChoice backgrounds) {
        List<SteerSample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(sample(task, i, seed, canvas, backgrounds));
        return out;
    }

    /**
     * {@code n} samples alternating left/right (even i) and above/below (odd i), as adversarial steering asks
     * both families (docs/paper-mapping.md#steer-adversarial).
     */
    public static List<SteerSample> mixedLeftRightAboveBelow(int n, long seed, int canvas, BackgroundChoice backgrounds) {
        List<SteerSample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(sample(i % 2 == 0 ? QaTask.LEFT_RIGHT : QaTask.ABOVE_BELOW, i, seed, canvas, backgrounds));
        }
        return out;
    }

    static SteerSample sample(QaTask task, int index, long seed, int canvas, BackgroundChoice backgrounds) {
        SplittableRandom rng = WorldRandom.forItem(seed, "steer/" + task.name(), index);
        while (true) {
            Scene scene = switch (task) {
                case LEFT_RIGHT, ABOVE_BELOW -> new FreeSceneGenerator(canvas, backgrounds).generate(rng);
                case NEAR_FAR -> new NearFarGenerator(canvas, backgrounds).generate(rng);
                case IN_BETWEEN -> new InBetweenGenerator(canvas, backgrounds).generate(rng);
                default -> throw new IllegalArgumentException("steering has no samples for " + task);
            };
            List<QaItem> items = QaGenerator.forScene(scene, Set.of(task));
            if (task == QaTask.NEAR_FAR) {
                String reference = scene.objects().get(0).kind();
                String wanted = scene.objects().get(index % 2 == 0 ? 1 : 2).kind();
                items = items.stream().filter(q -> q.objectWords().equals(List.of(wanted, reference))).toList();
            }
            if (items.isEmpty()) continue;
            QaItem item = items.get(rng.nextInt(items.size()));
            return new SteerSample(index, "s" + index, SceneRenderer.render(scene), scene, item);
        }
    }
}
