package vlmscope.organism;

import vlmscope.world.Background;
import vlmscope.world.BackgroundChoice;
import vlmscope.world.Box;
import vlmscope.world.Catalogue;
import vlmscope.world.DepthSceneGenerator;
import vlmscope.world.FreeSceneGenerator;
import vlmscope.world.GridCell;
import vlmscope.world.InBetweenGenerator;
import vlmscope.world.NamedColour;
import vlmscope.world.NearFarGenerator;
import vlmscope.world.Palette;
import vlmscope.world.QaGenerator;
import vlmscope.world.QaItem;
import vlmscope.world.QaTask;
import vlmscope.world.QuestionForms;
import vlmscope.world.Scene;
import vlmscope.world.SceneObject;
import vlmscope.world.Video;
import vlmscope.world.VideoGenerator;
import vlmscope.world.VideoSegment;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The organism's curriculum drawn from {@code vlmscope.world}: scenes for dense vision pre-training, captions for
 * alignment and the QA mix for instruction tuning, each on the training side or the held-out side of a
 * {@link HeldOutSplit}. Everything is a pure function of the {@link SplittableRandom} passed in.
 *
 * <p>Scenes per task: left/right, above/below and colour on grid scenes (2–3 objects in distinct cells of the
 * m×m grid, patch = cell) and free scenes with equal odds; near/far, in-between, front/behind and before/after on
 * the world's generators of those kinds; videos have {@link #MIN_FRAMES}–{@link #MAX_FRAMES} frames. All
 * backgrounds are black (the paper's canvas).
 */
public final class OrganismWorld {

    public static final int MIN_FRAMES = 4, MAX_FRAMES = 5;
    /** The QA tasks, in report order. */
    public static final List<QaTask> TASKS = List.of(QaTask.LEFT_RIGHT, QaTask.ABOVE_BELOW, QaTask.COLOUR,
            QaTask.NEAR_FAR, QaTask.IN_BETWEEN, QaTask.FRONT_BEHIND, QaTask.BEFORE_AFTER);

    private final int canvas, cells;
    private final HeldOutSplit split;
    private final FreeSceneGenerator free;
    private final NearFarGenerator nearFar;
    private final InBetweenGenerator inBetween;
    private final DepthSceneGenerator depth;
    private final VideoGenerator video;

    public OrganismWorld(int canvas, int cells, HeldOutSplit split) {
        this.canvas = canvas;
        this.cells = cells;
        this.split = split;
        BackgroundChoice black = BackgroundChoice.BLACK;
        free = new FreeSceneGenerator(canvas, black);
        nearFar = new NearFarGenerator(canvas, black);
        inBetween = new InBetweenGenerator(canvas, black);
        depth = new DepthSceneGenerator(canvas, black);
        video = new VideoGenerator(canvas, MIN_FRAMES, MAX_FRAMES, black);
    }

    public int canvas() {
        return canvas;
    }

    public int cells() {
        return cells;
    }

    /** The task key of a QA task, e.g. {@code left_right}. */
    public static String key(QaTask task) {
        return task.name().toLowerCase(Locale.ROOT);
    }

    /** A question of {@code task}; on the held-out side it involves a held-out pair or kind–colour combination. */
    public Example question(QaTask task, boolean heldOut, SplittableRandom rng) {
        while (true) {
            if (task == QaTask.BEFORE_AFTER) {
                Video v = video.generate(rng);
                List<SceneObject> objects = v.segments().stream().map(s -> segmentObject(v, s)).toList();
                if (!heldOut && !trainable(objects)) continue;
                List<QaItem> items = QaGenerator.forVideo(v);
                List<QaItem> usable = heldOut ? items.stream().filter(q -> heldOutItem(q, objects)).toList() : items;
                if (usable.isEmpty()) continue;
                QaItem item = usable.get(rng.nextInt(usable.size()));
                return new Example(key(task), v.frames(), OrganismPrompts.question(item, v.frames().size()), item.answer());
            }
            Scene scene = sceneFor(task, rng);
            if (!heldOut && !trainable(scene.objects())) continue;
            List<QaItem> items = QaGenerator.forScene(scene, EnumSet.of(task));
            List<QaItem> usable = heldOut ? items.stream().filter(q -> heldOutItem(q, scene.objects())).toList() : items;
            if (usable.isEmpty()) continue;
            QaItem item = usable.get(rng.nextInt(usable.size()));
            return new Example(key(task), List.of(scene), OrganismPrompts.question(item, 1), item.answer());
        }
    }

    /** An alignment caption of a grid or free scene (training side only). */
    public Example caption(SplittableRandom rng) {
        while (true) {
            Scene scene = rng.nextBoolean() ? gridScene(rng) : free.generate(rng);
            if (!trainable(scene.objects())) continue;
            return new Example("caption", List.of(scene), OrganismPrompts.chat(OrganismPrompts.DESCRIBE, 1),
                    OrganismPrompts.caption(scene.objects(), canvas, cells));
        }
    }

    /**
     * A grounding example of a grid or free scene (training side only): the objects named by kind alone in random
     * order, each with its cell, so that every row and column must be looked up from the named kind.
     */
    public Example grounding(SplittableRandom rng) {
        return shuffledObjects("ground", OrganismPrompts.DESCRIBE,
                objects -> OrganismPrompts.grounding(objects, canvas, cells), rng);
    }

    /**
     * A locating example of a grid or free scene (training side only): the objects named by kind alone in random
     * order, each followed at once by its cell number ({@link OrganismPrompts#locating}).
     */
    public Example locating(SplittableRandom rng) {
        return shuffledObjects("locate", OrganismPrompts.LOCATE,
                objects -> OrganismPrompts.locating(objects, canvas, cells), rng);
    }

    /**
     * A temporal locating example (training side only): a video's objects named by kind in random order, each
     * followed at once by the first frame showing it: {@code "the star 2 . the circle 0 ."} (task key
     * {@code locate_video}), the temporal counterpart of {@link #locating}.
     */
    public Example videoLocating(SplittableRandom rng) {
        while (true) {
            Video v = video.generate(rng);
            List<SceneObject> objects = v.segments().stream().map(s -> segmentObject(v, s)).toList();
            if (!trainable(objects)) continue;
            String answer = shuffled(v.segments(), rng).stream().map(s -> "the " + s.kind() + " " + s.firstFrame() + " .")
                    .collect(java.util.stream.Collectors.joining(" "));
            return new Example("locate_video", v.frames(),
                    OrganismPrompts.chat(OrganismPrompts.LOCATE_VIDEO, v.frames().size()), answer);
        }
    }

    /**
     * A grid or free scene (training side only) asked {@code request}, answered by {@code answer} of its objects in
     * random order.
     */
    private Example shuffledObjects(String key, String request, Function<List<SceneObject>, String> answer,
                                    SplittableRandom rng) {
        while (true) {
            Scene scene = rng.nextBoolean() ? gridScene(rng) : free.generate(rng);
            if (!trainable(scene.objects())) continue;
            return new Example(key, List.of(scene), OrganismPrompts.chat(request, 1),
                    answer.apply(shuffled(scene.objects(), rng)));
        }
    }

    /** A Fisher–Yates shuffle of a copy of {@code items}. */
    private static <T> List<T> shuffled(List<T> items, SplittableRandom rng) {
        List<T> out = new ArrayList<>(items);
        for (int i = out.size() - 1; i > 0; i--) java.util.Collections.swap(out, i, rng.nextInt(i + 1));
        return out;
    }

    /**
     * A question about one object's absolute place in a grid or free scene (training side only), in the two-object
     * question's words without the reference: {@code "Is the star to the left or right? Answer left or right."}
     * ({@code horizontal}) or {@code "Is the star above or below? Answer above or below."}; the answer says which
     * half of the canvas holds the object's centre. Objects within 1/16 of the canvas of the midline are not asked.
     */
    public Example absolute(boolean horizontal, SplittableRandom rng) {
        while (true) {
            Scene scene = rng.nextBoolean() ? gridScene(rng) : free.generate(rng);
            if (!trainable(scene.objects())) continue;
            SceneObject o = scene.objects().get(rng.nextInt(scene.objects().size()));
            double offset = (horizontal ? o.centre().x() : o.centre().y()) - canvas / 2.0;
            if (Math.abs(offset) < canvas / 16.0) continue;
            QaTask task = horizontal ? QaTask.LEFT_RIGHT : QaTask.ABOVE_BELOW;
            String question = horizontal ? "Is the " + o.kind() + " to the left or right?"
                    : "Is the " + o.kind() + " above or below?";
            String answer = task.choices().get(offset < 0 ? 0 : 1);
            return new Example(key(task) + "_absolute", List.of(scene),
                    OrganismPrompts.chat(question + " " + QuestionForms.instruction(task), 1), answer);
        }
    }

    /**
     * A two-object left/right ({@code horizontal}) or above/below question of a grid or free scene (training side
     * only) whose reference (the second-named object) has its centre within 1/8 of the canvas of the midline on the
     * question's axis, so the answer nearly always equals the half of the canvas holding the subject: the step from
     * the absolute question to the relative one. Task key {@code left_right_centred} / {@code above_below_centred}.
     * With {@code decoy} the scene also holds a third object in the other half from the subject, so that which half
     * holds more of the objects no longer gives the answer away (keys {@code left_right_centred_decoy} /
     * {@code above_below_centred_decoy}).
     */
    public Example centred(boolean horizontal, boolean decoy, SplittableRandom rng) {
        QaTask task = horizontal ? QaTask.LEFT_RIGHT : QaTask.ABOVE_BELOW;
        while (true) {
            Scene scene = rng.nextBoolean() ? gridScene(rng) : free.generate(rng);
            if (!trainable(scene.objects())) continue;
            List<QaItem> usable = QaGenerator.forScene(scene, EnumSet.of(task)).stream()
                    .filter(q -> centredReference(q, scene, horizontal))
                    .filter(q -> !decoy || hasDecoy(q, scene, horizontal)).toList();
            if (usable.isEmpty()) continue;
            QaItem item = usable.get(rng.nextInt(usable.size()));
            return new Example(key(task) + "_centred" + (decoy ? "_decoy" : ""), List.of(scene), OrganismPrompts.question(item, 1), item.answer());
        }
    }

    /** A third object, neither subject nor reference, whose centre lies in the other half from the subject's. */
    private boolean hasDecoy(QaItem item, Scene scene, boolean horizontal) {
        List<String> named = item.objectWords();
        double subject = offset(scene, named.get(0), horizontal);
        return scene.objects().stream().filter(o -> !named.contains(o.kind()))
                .anyMatch(o -> Math.signum(offset(scene, o.kind(), horizontal)) == -Math.signum(subject));
    }

    private double offset(Scene scene, String kind, boolean horizontal) {
        SceneObject o = scene.objects().stream().filter(s -> s.kind().equals(kind)).findFirst().orElseThrow();
        return (horizontal ? o.centre().x() : o.centre().y()) - canvas / 2.0;
    }

    private boolean centredReference(QaItem item, Scene scene, boolean horizontal) {
        String reference = item.objectWords().get(1);
        SceneObject o = scene.objects().stream().filter(s -> s.kind().equals(reference)).findFirst().orElseThrow();
        double offset = (horizontal ? o.centre().x() : o.centre().y()) - canvas / 2.0;
        return Math.abs(offset) <= canvas / 8.0;
    }

    /**
     * A training example of task {@code key}: a QA task key, {@code caption}, {@code ground},
     * {@code left_right_absolute}, {@code above_below_absolute}, {@code left_right_centred},
     * {@code above_below_centred} or either of those two with {@code _decoy}, or a still-scene QA task key with
     * {@link #COLOURED} (its objects named with their colours).
     */
    public Example training(String key, SplittableRandom rng) {
        return switch (key) {
            case "caption" -> caption(rng);
            case "ground" -> grounding(rng);
            case "locate" -> locating(rng);
            case "locate_video" -> videoLocating(rng);
            case "left_right_absolute" -> absolute(true, rng);
            case "above_below_absolute" -> absolute(false, rng);
            case "left_right_centred" -> centred(true, false, rng);
            case "above_below_centred" -> centred(false, false, rng);
            case "left_right_centred_decoy" -> centred(true, true, rng);
            case "above_below_centred_decoy" -> centred(false, true, rng);
            default -> key.endsWith(COLOURED) ? coloured(question(QaTask.valueOf(
                    key.substring(0, key.length() - COLOURED.length()).toUpperCase(Locale.ROOT)), false, rng))
                    : question(QaTask.valueOf(key.toUpperCase(Locale.ROOT)), false, rng);
        };
    }

    /** Suffix of a task key whose questions name every object with its colour: {@code left_right_coloured}. */
    public static final String COLOURED = "_coloured";

    /** Whether {@code task} has a {@link #COLOURED} form: a still-scene question whose answer is not the colour itself. */
    public static boolean hasColouredForm(QaTask task) {
        return task != QaTask.BEFORE_AFTER && task != QaTask.COLOUR;
    }

    /**
     * The question of {@code e} with every object of its scene named by colour and kind ("Is the red circle to the
     * left or right of the blue star?"), the form of a question a user types; task key {@code <task>_coloured}.
     */
    public static Example coloured(Example e) {
        String prompt = e.prompt();
        for (SceneObject o : e.frames().getFirst().objects()) {
            prompt = prompt.replaceAll("\\bthe " + o.kind() + "\\b", "the " + o.colour() + " " + o.kind());
        }
        return new Example(e.task() + COLOURED, e.frames(), prompt, e.answer());
    }

    /** A scene of any kind for dense vision pre-training (training side only). */
    public Scene denseScene(SplittableRandom rng) {
        while (true) {
            int kind = rng.nextInt(6);
            Scene scene = switch (kind) {
                case 0, 1 -> gridScene(rng);
                case 2 -> free.generate(rng);
                case 3 -> nearFar.generate(rng);
                case 4 -> inBetween.generate(rng);
                default -> depth.generate(rng);
            };
            if (trainable(scene.objects())) return scene;
        }
    }

    private Scene sceneFor(QaTask task, SplittableRandom rng) {
        return switch (task) {
            case LEFT_RIGHT, ABOVE_BELOW, COLOUR -> rng.nextBoolean() ? gridScene(rng) : free.generate(rng);
            case NEAR_FAR -> nearFar.generate(rng);
            case IN_BETWEEN -> inBetween.generate(rng);
            case FRONT_BEHIND -> depth.generate(rng);
            case BEFORE_AFTER -> throw new IllegalArgumentException("videos are not scenes");
        };
    }

    /** 2–3 objects of distinct kinds in distinct cells, each centred in its cell at 60–100% of the cell side. */
    public Scene gridScene(SplittableRandom rng) {
        int cell = canvas / cells;
        int count = Math.min(cells * cells, rng.nextInt(2, 4));
        List<String> names = new ArrayList<>(Catalogue.names());
        List<Integer> cellIndex = new ArrayList<>();
        for (int i = 0; i < cells * cells; i++) cellIndex.add(i);
        List<SceneObject> objects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String kind = names.remove(rng.nextInt(names.size()));
            NamedColour colour = Palette.COLOURS.get(rng.nextInt(Palette.COLOURS.size()));
            int index = cellIndex.remove(rng.nextInt(cellIndex.size()));
            GridCell at = new GridCell(index % cells, index / cells);
            int side = Math.max(3, (int) Math.round(cell * (0.6 + 0.4 * rng.nextDouble())));
            int offset = (cell - side) / 2;
            Box box = new Box(at.col() * cell + offset, at.row() * cell + offset, side, side);
            objects.add(SceneObject.of(kind, colour, box).withCell(at));
        }
        return new Scene(canvas, canvas, Background.black(), cells, objects, false);
    }

    private static SceneObject segmentObject(Video v, VideoSegment s) {
        return v.frames().get(s.firstFrame()).objects().getFirst();
    }

    /** No held-out pair among the objects' kinds and no held-out kind–colour combination. */
    public boolean trainable(List<SceneObject> objects) {
        for (int i = 0; i < objects.size(); i++) {
            SceneObject a = objects.get(i);
            if (split.heldOutCombo(a.kind(), a.colour())) return false;
            for (int j = i + 1; j < objects.size(); j++) {
                if (split.heldOutPair(a.kind(), objects.get(j).kind())) return false;
            }
        }
        return true;
    }

    /** A colour question about a held-out combination, or another question naming a held-out pair. */
    private boolean heldOutItem(QaItem item, List<SceneObject> objects) {
        List<String> words = item.objectWords();
        if (item.task() == QaTask.COLOUR) {
            return objects.stream().anyMatch(o -> o.kind().equals(words.getFirst())
                    && split.heldOutCombo(o.kind(), o.colour()));
        }
        for (int i = 0; i < words.size(); i++)
            for (int j = i + 1; j < words.size(); j++) if (split.heldOutPair(words.get(i), words.get(j))) return true;
        return false;
    }

    /** Every text the organism reads or writes, for building its vocabulary. */
    public static List<String> vocabularyTexts(int cells) {
        List<String> texts = new ArrayList<>();
        texts.add(OrganismPrompts.chat(OrganismPrompts.DESCRIBE, 1));
        texts.add(OrganismPrompts.LOCATE);
        texts.add(OrganismPrompts.LOCATE_VIDEO);
        texts.add("the is at row column .");
        for (int i = 0; i < Math.max(cells * cells, 10); i++) texts.add(Integer.toString(i));
        String a = "x", b = "y";
        List<String> forms = List.of(QuestionForms.leftRight(a, b), QuestionForms.aboveBelow(a, b),
                QuestionForms.colour(a), QuestionForms.nearFar(a, b), QuestionForms.inBetween(a, b, a),
                QuestionForms.frontBehind(a, b), QuestionForms.beforeAfter(a, b),
                QuestionForms.finetuneLeftRight(a, b), QuestionForms.finetuneAboveBelow(a, b));
        for (String form : forms) texts.add(form.replace(" x", " ").replace(" y", " "));
        for (QaTask task : QaTask.values()) {
            texts.add(QuestionForms.instruction(task));
            texts.addAll(task.choices());
        }
        texts.addAll(Catalogue.names());
        texts.addAll(Palette.names());
        return texts;
    }

    /** The organism's vocabulary. */
    public static OrganismVocabulary vocabulary(int cells) {
        return OrganismVocabulary.of(vocabularyTexts(cells));
    }
}
