package vlmscope.processing;

import java.util.List;
import java.util.Locale;

/**
 * The paper's verdict on a generated answer: substring tests, case-insensitive on both the response and the
 * answer words. "correct" when the correct word appears and the wrong one does not, "wrong" for the reverse,
 * "nonsense" for both or neither.
 */
public final class Verdicts {

    public static final String CORRECT = "correct", WRONG = "wrong", NONSENSE = "nonsense";

    private Verdicts() {
    }

    /** {@link #CORRECT}, {@link #WRONG} or {@link #NONSENSE}. */
    public static String of(String response, String correct, String wrong) {
        String r = lower(response);
        boolean c = r.contains(lower(correct)), w = r.contains(lower(wrong));
        if (c && !w) return CORRECT;
        if (w && !c) return WRONG;
        return NONSENSE;
    }

    /** TRUE (correct), FALSE (wrong), or null (nonsense: excluded from a correct/wrong split). */
    public static Boolean isCorrect(String response, String correct, String wrong) {
        return switch (of(response, correct, wrong)) {
            case CORRECT -> Boolean.TRUE;
            case WRONG -> Boolean.FALSE;
            default -> null;
        };
    }

    /** The one choice word the response contains, or null when it contains none or several. */
    public static String said(String response, List<String> choices) {
        String r = lower(response);
        String found = null;
        for (String c : choices) {
            if (!r.contains(lower(c))) continue;
            if (found != null) return null;
            found = c;
        }
        return found;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
