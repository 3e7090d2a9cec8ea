package vlmscope.experiments.diagnosis;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The depth script's own caption parser, P3 (docs/paper-mapping.md#samples), kept for {@code --paper-compat}. It assumes captions
 * "the X is above the Y": subject = words[1 : idx − 1], object = words[idx + 2 :], idx the index of "above"/"below".
 * On What'sUp captions ("A photo of a dog above a cat") the subject becomes "photo of a".
 */
final class PaperDepthQuery {

    private PaperDepthQuery() {
    }

    /** The What'sUp-style caption of a subject, relation (above/below) and object. */
    static String caption(String subject, String relation, String object) {
        return "A photo of a " + subject + " " + relation + " a " + object;
    }

    /** (subject, object) as P3 parses {@code caption}. */
    static List<String> parse(String caption) {
        String[] words = caption.toLowerCase(Locale.ROOT).split("\\s+");
        int idx = Arrays.asList(words).indexOf("above");
        if (idx < 0) idx = Arrays.asList(words).indexOf("below");
        if (idx < 2) throw new IllegalArgumentException("P3 cannot parse " + caption);
        String subject = String.join(" ", Arrays.copyOfRange(words, 1, idx - 1));
        String object = String.join(" ", Arrays.copyOfRange(words, Math.min(idx + 2, words.length), words.length));
        return List.of(subject, object);
    }
}
