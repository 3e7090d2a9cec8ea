package vlmscope.processing;

import java.util.List;

/**
 * The vocabulary pieces read for one answer word and their ids, as an {@link AnswerReadout} chose them; the word's
 * log-probability is the maximum over those ids of a full-vocabulary log-softmax (the paper's rule for Llama-3.2).
 *
 * @param word   the answer word (lower case for the spelling-based read-outs; as given otherwise)
 * @param pieces the vocabulary pieces read
 * @param ids    their ids
 */
public record AnswerTokens(String word, List<String> pieces, int[] ids) {

    public AnswerTokens {
        pieces = List.copyOf(pieces);
        ids = ids.clone();
    }

    /** max over this word's ids of {@code logProbs[id]} ({@code logProbs}: [V]). */
    public double logProb(float[] logProbs) {
        double best = Double.NEGATIVE_INFINITY;
        for (int id : ids) best = Math.max(best, logProbs[id]);
        return best;
    }

    /** The id of a read-out with exactly one piece. */
    public int id() {
        if (ids.length != 1) throw new IllegalStateException(word + " is read from " + pieces.size() + " pieces, not one");
        return ids[0];
    }

    /** The piece of a read-out with exactly one piece. */
    public String piece() {
        id();
        return pieces.getFirst();
    }
}
