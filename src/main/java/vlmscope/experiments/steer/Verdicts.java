package vlmscope.experiments.steer;

import java.util.List;
import java.util.Locale;

/** Answer parsing of docs/paper-mapping.md#steer-adversarial: substring tests on the lower-cased response. */
public final class Verdicts {

    public static final String CORRECT = "correct", WRONG = "wrong", NONSENSE = "nonsense";

    private Verdicts() {
    }

    /** "correct" if pos ⊂ response and neg ⊄ response; "wrong" if the reverse; otherwise "nonsense". */
    public static String of(String response, String pos, String neg) {
        String r = response.toLowerCase(Locale.ROOT);
        boolean p = r.contains(pos), n = r.contains(neg);
        if (p && !n) return CORRECT;
        if (n && !p) return WRONG;
        return NONSENSE;
    }

    /** The one choice word the response contains, or null when it contains none or several. */
    public static String said(String response, List<String> choices) {
        String r = response.toLowerCase(Locale.ROOT);
        String found = null;
        for (String c : choices) {
            if (!r.contains(c)) continue;
            if (found != null) return null;
            found = c;
        }
        return found;
    }
}
