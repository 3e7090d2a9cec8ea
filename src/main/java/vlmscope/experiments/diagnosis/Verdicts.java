package vlmscope.experiments.diagnosis;

import java.util.Locale;

/** The paper's answer verdict (docs/paper-mapping.md#deviation): correct if the true word appears and the opposite does not. */
final class Verdicts {

    private Verdicts() {
    }

    /** TRUE, FALSE, or null (both or neither word: nonsense, excluded from the split). */
    static Boolean of(String answer, String correct, String wrong) {
        String a = answer.toLowerCase(Locale.ROOT);
        boolean hasCorrect = a.contains(correct.toLowerCase(Locale.ROOT)), hasWrong = a.contains(wrong.toLowerCase(Locale.ROOT));
        if (hasCorrect && !hasWrong) return Boolean.TRUE;
        if (hasWrong && !hasCorrect) return Boolean.FALSE;
        return null;
    }
}
