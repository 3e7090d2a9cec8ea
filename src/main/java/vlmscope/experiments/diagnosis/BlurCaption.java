package vlmscope.experiments.diagnosis;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The blur script's caption parser, P4 (docs/paper-mapping.md#samples): strip a trailing ".", lower-case, split on the longest
 * relation among "to the left of", "to the right of", "above", "below" surrounded by spaces, then strip
 * "a photo of a/an/the" and "photo of a/an/the" from the left part and "a", "an", "the" from the right part.
 *
 * @param subject  the first object (w1)
 * @param relation left, right, above or below
 * @param object   the second object (w2)
 */
public record BlurCaption(String subject, String relation, String object) {

    private static final List<String> RELATIONS = List.of("to the right of", "to the left of", "above", "below");

    public static Optional<BlurCaption> parse(String caption) {
        String c = caption.strip();
        if (c.endsWith(".")) c = c.substring(0, c.length() - 1);
        c = c.toLowerCase(Locale.ROOT);
        for (String rel : RELATIONS) {                       // longest first
            int at = c.indexOf(" " + rel + " ");
            if (at < 0) continue;
            String left = c.substring(0, at).strip(), right = c.substring(at + rel.length() + 2).strip();
            for (String prefix : List.of("a photo of a ", "a photo of an ", "a photo of the ", "photo of a ", "photo of an ", "photo of the ")) {
                if (left.startsWith(prefix)) {
                    left = left.substring(prefix.length()).strip();
                    break;
                }
            }
            for (String article : List.of("a ", "an ", "the ")) {
                if (right.startsWith(article)) {
                    right = right.substring(article.length()).strip();
                    break;
                }
            }
            String word = rel.startsWith("to the ") ? rel.split(" ")[2] : rel;
            return Optional.of(new BlurCaption(left, word, right));
        }
        return Optional.empty();
    }
}
