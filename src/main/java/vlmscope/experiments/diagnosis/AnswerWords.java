package vlmscope.experiments.diagnosis;

import vlmscope.VlmscopeException;
import vlmscope.processing.Tokenizer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The token ids read for one answer word and its log-probability (the maximum over those ids of a full-vocabulary
 * log-softmax). {@link #anySpelling} reads every single-piece spelling the vocabulary has ({@code ▁above},
 * {@code ▁Above}, {@code above}, {@code Above}), so the read-out does not depend on the casing a model prefers;
 * {@link #firstPiece} is the paper's rule for depth and blur: the first piece of {@code tokenize(" " + Word)}
 * (LLaVA: {@code ▁A} for "Above", {@code ▁Be} for "Behind"; paper-spec §1.7).
 *
 * @param word   the answer word, lower case
 * @param pieces the vocabulary pieces read
 * @param ids    their ids
 */
public record AnswerWords(String word, List<String> pieces, int[] ids) {

    public AnswerWords {
        pieces = List.copyOf(pieces);
        ids = ids.clone();
    }

    public static AnswerWords anySpelling(Tokenizer tokenizer, String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        Set<String> candidates = new LinkedHashSet<>();
        for (String w : List.of(lower, capitalised(lower))) {
            List<String> spaced = tokenizer.tokenize(" " + w).stream().filter(p -> !p.equals("▁") && !p.equals("Ġ")).toList();
            if (spaced.size() == 1) candidates.add(spaced.getFirst());
            candidates.add(w);
        }
        return build(tokenizer, lower, candidates);
    }

    public static AnswerWords firstPiece(Tokenizer tokenizer, String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        List<String> pieces = tokenizer.tokenize(" " + capitalised(lower)).stream()
                .filter(p -> !p.equals("▁") && !p.equals("Ġ")).toList();
        if (pieces.isEmpty()) throw new VlmscopeException("the answer word '" + word + "' tokenises to nothing. Fix: use another word");
        return build(tokenizer, lower, List.of(pieces.getFirst()));
    }

    /** max over this word's ids of {@code logProbs[id]}. */
    public double logProb(float[] logProbs) {
        double best = Double.NEGATIVE_INFINITY;
        for (int id : ids) best = Math.max(best, logProbs[id]);
        return best;
    }

    private static AnswerWords build(Tokenizer tokenizer, String word, Iterable<String> candidates) {
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
        return new AnswerWords(word, pieces, ids.stream().mapToInt(Integer::intValue).toArray());
    }

    private static String capitalised(String w) {
        return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
