package vlmscope.organism;

import vlmscope.world.QaItem;
import vlmscope.world.SceneObject;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The organism's prompt texts. Questions use llava-hf's LLaVA-1.5 chat format, images first:
 * {@code "USER: <image>\n{question} {instruction} ASSISTANT:"}, a video putting one {@code "<image>\n"} per frame.
 * Alignment captions list the objects in reading order: {@code "the red star is at row 1 column 3 ."}.
 */
public final class OrganismPrompts {

    /** The alignment-stage request. */
    public static final String DESCRIBE = "Describe the objects.";

    private OrganismPrompts() {
    }

    /** The chat prompt for {@code text} about {@code frames} images. */
    public static String chat(String text, int frames) {
        return "USER: " + (OrganismVocabulary.IMAGE + "\n").repeat(frames) + text + " ASSISTANT:";
    }

    /** The prompt of a world QA item. */
    public static String question(QaItem item, int frames) {
        return chat(item.prompt(), frames);
    }

    /** The caption of a still scene: each object's colour, kind and the grid cell holding its centre. */
    public static String caption(List<SceneObject> objects, int canvas, int cells) {
        return objects.stream()
                .sorted(Comparator.comparingInt((SceneObject o) -> cellOf(o.centre().y(), canvas, cells))
                        .thenComparingInt(o -> cellOf(o.centre().x(), canvas, cells)))
                .map(o -> "the " + o.colour() + " " + o.kind() + " is at row " + cellOf(o.centre().y(), canvas, cells)
                        + " column " + cellOf(o.centre().x(), canvas, cells) + " .")
                .collect(Collectors.joining(" "));
    }

    /**
     * The grounding text of a still scene: each object's kind (no colour) and the grid cell holding its centre, in
     * the order given: {@code "the star is at row 1 column 3 ."}.
     */
    public static String grounding(List<SceneObject> objects, int canvas, int cells) {
        return objects.stream()
                .map(o -> "the " + o.kind() + " is at row " + cellOf(o.centre().y(), canvas, cells)
                        + " column " + cellOf(o.centre().x(), canvas, cells) + " .")
                .collect(Collectors.joining(" "));
    }

    /** The request of a temporal locating example, answered by each object's first frame. */
    public static final String LOCATE_VIDEO = "Describe the objects of the video.";

    /** The request of a locating example, answered by each object's cell number. */
    public static final String LOCATE = "Describe the row and column of the objects.";

    /**
     * The locating text of a still scene: each object's kind followed at once by the number of its cell,
     * {@code row · cells + column}, in the order given: {@code "the star 7 . the circle 2 ."}. The cell number is
     * predicted at the kind word itself, so both coordinates must be looked up at the object's own token — where the
     * paper finds spatial IDs.
     */
    public static String locating(List<SceneObject> objects, int canvas, int cells) {
        return objects.stream()
                .map(o -> "the " + o.kind() + " " + (cellOf(o.centre().y(), canvas, cells) * cells
                        + cellOf(o.centre().x(), canvas, cells)) + " .")
                .collect(Collectors.joining(" "));
    }

    /** The grid index (0 … cells − 1) of a pixel coordinate. */
    public static int cellOf(double coordinate, int canvas, int cells) {
        return Math.clamp((int) Math.floor(coordinate * cells / canvas), 0, cells - 1);
    }
}
