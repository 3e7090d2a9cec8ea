package vlmscope.data;

import vlmscope.VlmscopeException;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The paper's What'sUp caption parser P1 ({@code utils/coco.py}, docs/paper-mapping.md#samples): {@code "A photo of a(n) X to the
 * left|right of a(n) Y"} or {@code "… X above|below a(n) Y"}, case-insensitive, X and Y of one to three words,
 * matched from the start of the stripped caption (Python's {@code re.match}) and lower-cased. The mirror/attribute
 * scripts' P2 uses the same patterns and, for left/right, words its query identically.
 */
public final class CaptionParser {

    private static final String PHRASE = "([a-z]+(?: [a-z]+){0,2})";
    private static final Pattern LEFT_RIGHT = Pattern.compile(
            "A photo of a[n]? " + PHRASE + " to the (left|right) of a[n]? " + PHRASE, Pattern.CASE_INSENSITIVE);
    private static final Pattern ABOVE_BELOW = Pattern.compile(
            "A photo of a[n]? " + PHRASE + " (above|below) a[n]? " + PHRASE, Pattern.CASE_INSENSITIVE);

    private CaptionParser() {
    }

    /** One parsed caption: subject X, object Y, and the relation word (left, right, above or below). */
    public record Parsed(String subject, String object, String relation) {
    }

    /**
     * A unified question from a true/false caption pair ({@code make_unified_query(c1, c2, return_dir=True)}).
     *
     * @param query         "Is the X to the left or right of the Y?" or "Is the X above or below the Y?"
     * @param trueRelation  the true caption's relation word, i.e. the correct answer
     * @param falseRelation the false caption's relation word
     */
    public record Query(String query, String subject, String object, String trueRelation, String falseRelation) {
    }

    /** Parses one caption; a caption outside the template is a {@link VlmscopeException}. */
    public static Parsed parse(String caption) {
        String text = caption.strip();
        for (Pattern p : new Pattern[]{LEFT_RIGHT, ABOVE_BELOW}) {
            Matcher m = p.matcher(text);
            if (m.lookingAt()) {
                return new Parsed(lower(m.group(1)), lower(m.group(3)), lower(m.group(2)));
            }
        }
        throw new VlmscopeException("caption format unexpected: '" + caption
                + "'. Fix: What'sUp captions read 'A photo of a(n) X to the left of a(n) Y' (or right/above/below)");
    }

    /** The unified query of a caption pair; the two captions must name the same X and Y with opposite relations. */
    public static Query unifiedQuery(String trueCaption, String falseCaption) {
        Parsed t = parse(trueCaption), f = parse(falseCaption);
        if (!t.subject().equals(f.subject()) || !t.object().equals(f.object())) {
            throw new VlmscopeException("captions name different objects: '" + trueCaption + "' vs '" + falseCaption
                    + "'. Fix: each row's true and false captions must differ only in the relation");
        }
        Set<String> relations = Set.of(t.relation(), f.relation());
        String query;
        if (relations.equals(Set.of("left", "right"))) {
            query = "Is the " + t.subject() + " to the left or right of the " + t.object() + "?";
        } else if (relations.equals(Set.of("above", "below"))) {
            query = "Is the " + t.subject() + " above or below the " + t.object() + "?";
        } else {
            throw new VlmscopeException("captions do not oppose left/right or above/below: '" + trueCaption + "' vs '"
                    + falseCaption + "'. Fix: use What'sUp two-object rows");
        }
        return new Query(query, t.subject(), t.object(), t.relation(), f.relation());
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
