package vlmscope.experiments.steer;

import vlmscope.world.QaItem;

import java.util.Locale;

/**
 * How a sample's question becomes prompt text.
 * <ul>
 *   <li>{@link #WORLD}: the world's own form, question + instruction ("… Answer left or right."), which the
 *       organism was trained on;</li>
 *   <li>{@link #PAPER_ADVERSARIAL}: docs/paper-mapping.md#steer-adversarial, question + {@code  Answer "left" or "right" only.};</li>
 *   <li>{@link #PAPER_BATCH}: docs/paper-mapping.md#steer-arbitrary, {@code "QUESTION: " + question + " Answer Left or Right. ANSWER: "}
 *       (the paper's missing space before "Answer" is restored unless {@code paperTypo}).</li>
 * </ul>
 */
public enum PromptStyle {
    WORLD, PAPER_ADVERSARIAL, PAPER_BATCH;

    public String text(QaItem q, boolean paperTypo) {
        String a = q.choices().get(0), b = q.choices().get(1);
        return switch (this) {
            case WORLD -> q.prompt();
            case PAPER_ADVERSARIAL -> q.question() + " Answer \"" + a + "\" or \"" + b + "\" only.";
            case PAPER_BATCH -> "QUESTION: " + q.question() + (paperTypo ? "" : " ") + "Answer " + cap(a) + " or "
                    + cap(b) + ". ANSWER: ";
        };
    }

    /** Parses {@code world} or {@code paper}; {@code paper} means the paper form of the experiment at hand. */
    public static PromptStyle parse(String s, PromptStyle paperForm) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "world" -> WORLD;
            case "paper" -> paperForm;
            default -> throw new IllegalArgumentException("prompt style must be world or paper, got " + s);
        };
    }

    private static String cap(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
