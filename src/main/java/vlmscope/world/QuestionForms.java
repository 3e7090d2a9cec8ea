package vlmscope.world;

/**
 * The paper's question wordings (paper-spec §4.4, §5.5, §5.6, §6.3, §8.3, §9.2), kept in one place.
 * The probe forms (with "the") are what {@link QaGenerator} asks; the §8.3 fine-tuning forms are provided
 * for the fine-tuning experiment, which words its data exactly that way.
 */
public final class QuestionForms {

    private QuestionForms() {
    }

    public static String leftRight(String a, String b) {
        return "Is the " + a + " to the left or right of the " + b + "?";
    }

    public static String aboveBelow(String a, String b) {
        return "Is the " + a + " above or below the " + b + "?";
    }

    public static String colour(String a) {
        return "What colour is the " + a + "?";
    }

    /** §5.5. */
    public static String nearFar(String a, String b) {
        return "Is the " + a + " near or far from the " + b + "?";
    }

    /** §5.6, verbatim: no articles before the two reference objects. */
    public static String inBetween(String subject, String first, String second) {
        return "Is the " + subject + " in between " + first + " and " + second + "?";
    }

    /** §6.3. */
    public static String frontBehind(String a, String b) {
        return "Is the " + a + " in front or behind the " + b + "?";
    }

    /** §9.2. */
    public static String beforeAfter(String first, String second) {
        return "In this video, two objects appear at different times. Does the " + first
                + " come before or after the " + second + "?";
    }

    /** §8.3, verbatim, instruction included. */
    public static String finetuneLeftRight(String a, String b) {
        return "Is " + a + " to the left or right of " + b + "? Answer with \"left\" or \"right\" only.";
    }

    /** §8.3, verbatim, instruction included. */
    public static String finetuneAboveBelow(String a, String b) {
        return "Is " + a + " above or below " + b + "? Answer with \"above\" or \"below\" only.";
    }

    /** "Answer x or y." for two-way tasks, "Answer in one word." otherwise (§9.2). */
    public static String instruction(QaTask task) {
        return task.choices().size() == 2 && task != QaTask.BEFORE_AFTER
                ? "Answer " + task.choices().get(0) + " or " + task.choices().get(1) + "."
                : "Answer in one word.";
    }
}
