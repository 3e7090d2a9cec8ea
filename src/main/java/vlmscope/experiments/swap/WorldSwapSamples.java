package vlmscope.experiments.swap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.VlmscopeException;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.world.BackgroundChoice;
import vlmscope.world.FreeSceneGenerator;
import vlmscope.world.QaGenerator;
import vlmscope.world.QaItem;
import vlmscope.world.QaTask;
import vlmscope.world.QuestionForms;
import vlmscope.world.Scene;
import vlmscope.world.SceneObject;
import vlmscope.world.SceneRenderer;
import vlmscope.world.Transforms;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Swap samples from the synthetic world: two-object free scenes drawn in sequence from one seeded generator (so
 * sample i does not depend on how many are asked for). Mirror and attribute modes ask the world's left/right
 * question (the first one {@link QaGenerator} derives); colour mode asks the first object's colour, with the two
 * objects' colours (distinct) as the answers in a seeded order, and re-renders the scene with the colours exchanged.
 */
public final class WorldSwapSamples implements SwapSampleSource {

    private static final int MAX_DRAWS_PER_SAMPLE = 1000;

    private final SwapMode mode;
    private final long seed;
    private final int canvas;
    private final BackgroundChoice backgrounds;
    private final boolean colourWords;
    private final List<Scene> scenes = new ArrayList<>();
    private final List<SwapSample> questions = new ArrayList<>();   // images not rendered yet

    /**
     * @param colourWords name each object with its colour ("the red dog"), giving an adjective position set
     * @param answerable  which answer words the model can be scored on (colour mode skips scenes with others)
     */
    public WorldSwapSamples(SwapMode mode, int n, long seed, int canvas, BackgroundChoice backgrounds,
                            boolean colourWords, Predicate<String> answerable) {
        this.mode = mode;
        this.seed = seed;
        this.canvas = canvas;
        this.backgrounds = backgrounds;
        this.colourWords = colourWords && mode != SwapMode.COLOUR;
        FreeSceneGenerator generator = new FreeSceneGenerator(canvas, backgrounds);
        SplittableRandom rng = new SplittableRandom(seed);
        int draws = 0;
        while (scenes.size() < n) {
            if (++draws > MAX_DRAWS_PER_SAMPLE * (scenes.size() + 1)) {
                throw new VlmscopeException("could not draw " + n + " two-object " + mode.cliName() + " scenes whose answers"
                        + " the model's vocabulary has. Fix: use the organism, or --mode mirror/attribute");
            }
            Scene scene = generator.generate(rng);
            if (scene.objects().size() != 2) continue;
            SwapSample q = question(scene, rng);
            if (q == null || !q.choices().stream().allMatch(answerable)) continue;
            scenes.add(scene);
            questions.add(q);
        }
    }

    private SwapSample question(Scene scene, SplittableRandom rng) {
        String id = "w" + scenes.size();
        SceneObject a = scene.objects().get(0), b = scene.objects().get(1);
        if (mode == SwapMode.COLOUR) {
            if (a.colour().equals(b.colour())) return null;
            boolean truthFirst = rng.nextBoolean();
            List<String> choices = truthFirst ? List.of(a.colour(), b.colour()) : List.of(b.colour(), a.colour());
            return new SwapSample(id, null, null, QuestionForms.colour(a.kind()), choices, a.colour(),
                    List.of(a.kind()), List.of());
        }
        List<QaItem> items = QaGenerator.forScene(scene, Set.of(QaTask.LEFT_RIGHT));
        if (items.isEmpty()) return null;
        QaItem item = items.getFirst();
        SceneObject subject = scene.object(item.objectWords().get(0)), object = scene.object(item.objectWords().get(1));
        String question = colourWords
                ? QuestionForms.leftRight(subject.colour() + " " + subject.kind(), object.colour() + " " + object.kind())
                : item.question();
        List<String> adjectives = colourWords ? List.of(subject.colour(), object.colour()) : List.of();
        return new SwapSample(id, null, null, question, item.choices(), item.answer(), item.objectWords(), adjectives);
    }

    @Override
    public int size() {
        return scenes.size();
    }

    @Override
    public SwapSample sample(int i) {
        Scene scene = scenes.get(i);
        SwapSample q = questions.get(i);
        BufferedImage clean = SceneRenderer.render(scene);
        BufferedImage counterfactual = switch (mode) {
            case MIRROR -> Transforms.mirror(clean);
            case ATTRIBUTE -> Transforms.recolour(clean, recolourSeed(seed, i));
            case COLOUR -> SceneRenderer.render(coloursExchanged(scene));
        };
        return new SwapSample(q.id(), clean, counterfactual, q.question(), q.choices(), q.truth(), q.objectWords(),
                q.adjectiveWords());
    }

    /** The seed of sample i's rainbow recolour: derived from the run's seed, fixed per sample. */
    static long recolourSeed(long seed, int i) {
        return seed * 1_000_003L + i;
    }

    /** The scene with its two objects' colours exchanged (everything else identical). */
    static Scene coloursExchanged(Scene scene) {
        SceneObject a = scene.objects().get(0), b = scene.objects().get(1);
        List<SceneObject> swapped = List.of(
                new SceneObject(a.kind(), b.colour(), b.rgb(), a.box(), a.depth(), a.cell(), a.flipped()),
                new SceneObject(b.kind(), a.colour(), a.rgb(), b.box(), b.depth(), b.cell(), b.flipped()));
        return new Scene(scene.width(), scene.height(), scene.background(), scene.gridCells(), swapped, scene.recoloured());
    }

    @Override
    public ObjectNode settings() {
        ObjectNode s = ExperimentOutput.object();
        s.put("data", "world");
        s.put("scenes", "free, two objects");
        s.put("seed", seed);
        s.put("canvas", canvas);
        s.put("background", backgrounds.name().toLowerCase(java.util.Locale.ROOT));
        s.put("colour_words", colourWords);
        return s;
    }
}
