package vlmscope.world;

import java.util.EnumSet;
import java.util.Set;

/** The kinds of data the world renders, each with the questions asked about it. */
public enum SceneKind {
    GRID(EnumSet.of(QaTask.LEFT_RIGHT, QaTask.ABOVE_BELOW, QaTask.COLOUR)),
    FREE(EnumSet.of(QaTask.LEFT_RIGHT, QaTask.ABOVE_BELOW, QaTask.COLOUR)),
    DEPTH(EnumSet.of(QaTask.FRONT_BEHIND, QaTask.ABOVE_BELOW)),
    NEARFAR(EnumSet.of(QaTask.NEAR_FAR)),
    INBETWEEN(EnumSet.of(QaTask.IN_BETWEEN)),
    VIDEO(EnumSet.of(QaTask.BEFORE_AFTER));

    private final Set<QaTask> tasks;

    SceneKind(Set<QaTask> tasks) {
        this.tasks = tasks;
    }

    public Set<QaTask> tasks() {
        return EnumSet.copyOf(tasks);
    }

    /** The lower-case name used on the command line and in folder names. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
