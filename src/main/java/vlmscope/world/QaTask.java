package vlmscope.world;

import java.util.List;

/** The question families of the world, each with its answer choices (lower-case words). */
public enum QaTask {
    LEFT_RIGHT("left", "right"),
    ABOVE_BELOW("above", "below"),
    COLOUR(),
    NEAR_FAR("near", "far"),
    IN_BETWEEN("yes", "no"),
    FRONT_BEHIND("front", "behind"),
    BEFORE_AFTER("before", "after");

    private final List<String> choices;

    QaTask(String... choices) {
        this.choices = List.of(choices);
    }

    /** The fixed answer words; for {@link #COLOUR} the palette's colour names. */
    public List<String> choices() {
        return this == COLOUR ? Palette.names() : choices;
    }
}
