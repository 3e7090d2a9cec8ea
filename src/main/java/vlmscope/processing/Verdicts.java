package vlmscope.processing;

import vlmscope.VlmscopeException;

import java.util.List;
import java.util.Locale;

/**
 * The paper's verdict on a generated answer: substring tests, case-insensitive on both the response and the
 * answer words. "correct" when the correct word appears and the wrong one does not, "wrong" for the reverse,
 * "nonsense" for both or neither.
 *
 * <p>That rule assumes the model stops after its answer. A model that keeps generating ("right left far white star")
 * names both words and is judged "nonsense" although it answered first and correctly; {@link Rule#FIRST_WORD} judges
 * such models by the answer they begin with (docs/paper-mapping.md#verdicts).
 */
public final class Verdicts {

    /** A named rule that turns a generated answer into a verdict. */
    public enum Rule {
        /** The paper's rule: which of the two words the whole response contains ({@link #of}). */
        SUBSTRING("substring"),
        /** The word the response begins with (after leading spaces and punctuation), at a word boundary. */
        FIRST_WORD("first-word");

        private final String cliName;

        Rule(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }

        public static Rule parse(String s) {
            for (Rule r : values()) if (r.cliName.equalsIgnoreCase(s)) return r;
            throw new VlmscopeException("unknown verdict rule '" + s + "'. Fix: use first-word or substring");
        }

        /** {@link #CORRECT}, {@link #WRONG} or {@link #NONSENSE} under this rule. */
        public String verdict(String response, String correct, String wrong) {
            if (this == SUBSTRING) return of(response, correct, wrong);
            String r = lower(response).replaceFirst("^[^\\p{L}\\p{N}]+", "");
            if (startsWithWord(r, lower(correct))) return CORRECT;
            if (startsWithWord(r, lower(wrong))) return WRONG;
            return NONSENSE;
        }

        /** TRUE (correct), FALSE (wrong), or null (nonsense) under this rule. */
        public Boolean isCorrect(String response, String correct, String wrong) {
            return switch (verdict(response, correct, wrong)) {
                case CORRECT -> Boolean.TRUE;
                case WRONG -> Boolean.FALSE;
                default -> null;
            };
        }

        private static boolean startsWithWord(String response, String word) {
            return response.startsWith(word)
                    && (response.length() == word.length() || !Character.isLetterOrDigit(response.charAt(word.length())));
        }
    }

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
