package vlmscope.organism;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The organism's word-level vocabulary: five special tokens ({@code <pad>}, {@code <unk>}, {@code <s>},
 * {@code </s>}, {@code <image>}, ids 0–4) followed by every lower-cased word and punctuation run of a corpus,
 * sorted. Words are split exactly as HF's {@code Whitespace} pre-tokenizer splits them ({@code \w+|[^\w\s]+}).
 */
public record OrganismVocabulary(List<String> tokens) {

    public static final String PAD = "<pad>";
    public static final String UNK = "<unk>";
    public static final String BOS = "<s>";
    public static final String EOS = "</s>";
    public static final String IMAGE = "<image>";
    /** The special tokens, in id order. */
    public static final List<String> SPECIALS = List.of(PAD, UNK, BOS, EOS, IMAGE);

    private static final Pattern WORD = Pattern.compile("\\w+|[^\\w\\s]+", Pattern.UNICODE_CHARACTER_CLASS);

    public OrganismVocabulary {
        tokens = List.copyOf(tokens);
    }

    /** The vocabulary of every word in {@code texts} (the image marker and special tokens are not words). */
    public static OrganismVocabulary of(Collection<String> texts) {
        TreeSet<String> words = new TreeSet<>();
        for (String text : texts) words.addAll(words(text.replace(IMAGE, " ")));
        words.removeAll(SPECIALS);
        List<String> all = new ArrayList<>(SPECIALS);
        all.addAll(words);
        return new OrganismVocabulary(all);
    }

    /** HF Whitespace pre-tokenization after a Lowercase normalizer. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) out.add(m.group());
        return out;
    }

    public int size() {
        return tokens.size();
    }

    public int id(String token) {
        int id = tokens.indexOf(token);
        if (id < 0) throw new IllegalArgumentException("'" + token + "' is not in the organism's vocabulary");
        return id;
    }

    public int imageId() {
        return SPECIALS.indexOf(IMAGE);
    }

    public int padId() {
        return SPECIALS.indexOf(PAD);
    }

    public int bosId() {
        return SPECIALS.indexOf(BOS);
    }

    public int eosId() {
        return SPECIALS.indexOf(EOS);
    }
}
