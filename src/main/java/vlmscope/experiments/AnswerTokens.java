package vlmscope.experiments;

import vlmscope.VlmscopeException;
import vlmscope.processing.Tokenizer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The token ids that stand for one answer word, and its log-probability: the maximum over those ids of a
 * full-vocabulary log-softmax (the paper's rule for Llama-3.2, docs/paper-mapping.md#answer-words).
 *
 * <p>{@link #forWord} reads every single-piece spelling of the word the vocabulary has: the word after a space
 * ({@code ▁left}, {@code ▁Left}) and the bare piece ({@code left}, {@code Left}), so the read-out does not depend on
 * the casing a model prefers. The paper's fixed pieces: {@link #paperPiece} for steering, {@link #firstPiece} for
 * depth and blur.
 *
 * @param word   the answer word, lower case
 * @param pieces the vocabulary pieces read
 * @param ids    their ids
 */
public record AnswerTokens(String word, List<String> pieces, int[] ids) {

    public AnswerTokens {
        pieces = List.copyOf(pieces);
        ids = ids.clone();
    }

    /** Every in-vocabulary single-piece spelling of {@code word} (lower and capitalised, with and without ▁). */
    public static AnswerTokens forWord(Tokenizer tokenizer, String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        Set<String> pieces = new LinkedHashSet<>();
        for (String w : List.of(lower, capitalised(lower))) {
            List<String> spaced = withoutLoneSpace(tokenizer.tokenize(" " + w));
            if (spaced.size() == 1) pieces.add(spaced.getFirst());
            pieces.add(w);
        }
        return build(tokenizer, lower, new ArrayList<>(pieces));
    }

    /**
     * The paper's fixed piece for steering: the last piece of {@code tokenize(prefix + Word-or-word)}; e.g. prefix
     * ": " with the capitalised word gives adversarial steering's {@code ▁Left} (docs/paper-mapping.md#answer-words), prefix " " gives batch
     * steering's.
     */
    public static AnswerTokens paperPiece(Tokenizer tokenizer, String word, String prefix, boolean capitalise) {
        String lower = word.toLowerCase(Locale.ROOT);
        String w = capitalise ? capitalised(lower) : lower;
        String piece = prefix.isEmpty() ? w : tokenizer.tokenize(prefix + w).getLast();
        return build(tokenizer, lower, List.of(piece));
    }

    /**
     * The paper's rule for depth and blur: the first piece of {@code tokenize(" " + Word)} (LLaVA: {@code ▁A} for
     * "Above", {@code ▁Be} for "Behind"; docs/paper-mapping.md#answer-words).
     */
    public static AnswerTokens firstPiece(Tokenizer tokenizer, String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        List<String> pieces = withoutLoneSpace(tokenizer.tokenize(" " + capitalised(lower)));
        if (pieces.isEmpty()) throw new VlmscopeException("the answer word '" + word + "' tokenises to nothing. Fix: use another word");
        return build(tokenizer, lower, List.of(pieces.getFirst()));
    }

    /** max over this word's ids of {@code logProbs[id]}. */
    public double logProb(float[] logProbs) {
        double best = Double.NEGATIVE_INFINITY;
        for (int id : ids) best = Math.max(best, logProbs[id]);
        return best;
    }

    private static AnswerTokens build(Tokenizer tokenizer, String word, List<String> candidates) {
        List<String> pieces = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (String p : candidates) {
            tokenizer.tokenToId(p).ifPresent(id -> {
                if (!ids.contains(id)) {
                    pieces.add(p);
                    ids.add(id);
                }
            });
        }
        if (ids.isEmpty()) {
            throw new VlmscopeException("the answer word '" + word + "' is not a single token of this vocabulary (tried "
                    + candidates + "). Fix: use a checkpoint whose vocabulary has the answer words");
        }
        return new AnswerTokens(word, pieces, ids.stream().mapToInt(Integer::intValue).toArray());
    }

    private static List<String> withoutLoneSpace(List<String> pieces) {
        return pieces.stream().filter(p -> !p.equals("▁") && !p.equals("Ġ")).toList();
    }

    private static String capitalised(String w) {
        return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
