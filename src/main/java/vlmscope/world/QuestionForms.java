package vlmscope.world;

/**
 * The paper's question wordings (docs/paper-mapping.md#swap, #steer-arbitrary, #depth, #finetune, #temporal), kept in one place.
 * The probe forms (with "the") are what {@link QaGenerator} asks; the paper's fine-tuning forms (docs/paper-mapping.md#finetune) are provided
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

    /** The paper's near/far question (docs/paper-mapping.md#steer-arbitrary). */
    public static String nearFar(String a, String b) {
        return "Is the " + a + " near or far from the " + b + "?";
    }

    /** The paper's in-between question (docs/paper-mapping.md#steer-arbitrary), verbatim: no articles before the two reference objects. */
    public static String inBetween(String subject, String first, String second) {
        return "Is the " + subject + " in between " + first + " and " + second + "?";
    }

    /** The paper's depth question (docs/paper-mapping.md#depth). */
    public static String frontBehind(String a, String b) {
        return "Is the " + a + " in front or behind the " + b + "?";
    }

    /** The paper's temporal question (docs/paper-mapping.md#temporal). */
    public static String beforeAfter(String first, String second) {
        return "In this video, two objects appear at different times. Does the " + first
                + " come before or after the " + second + "?";
    }

    /** The paper's fine-tuning question (docs/paper-mapping.md#finetune), verbatim, instruction included. */
    public static String finetuneLeftRight(String a, String b) {
        return "Is " + a + " to the left or right of " + b + "? Answer with \"left\" or \"right\" only.";
    }

    /** The paper's fine-tuning question (docs/paper-mapping.md#finetune), verbatim, instruction included. */
    public static String finetuneAboveBelow(String a, String b) {
        return "Is " + a + " above or below " + b + "? Answer with \"above\" or \"below\" only.";
    }

    /** "Answer x or y." for two-way tasks, "Answer in one word." otherwise (docs/paper-mapping.md#temporal). */
    public static String instruction(QaTask task) {
        return task.choices().size() == 2 && task != QaTask.BEFORE_AFTER
                ? "Answer " + task.choices().get(0) + " or " + task.choices().get(1) + "."
                : "Answer in one word.";
    }
}
