package vlmscope.experiments.temporal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.VlmscopeException;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.processing.AnswerReadout;
import vlmscope.processing.AnswerTokens;
import vlmscope.processing.Tokenizer;

import java.util.List;

/**
 * The two answer words read from the last position's log-probs ("before", "after" — labelled by what they mean)
 * and the vocabulary piece read for each. Without {@code --answers} the piece is the one the model would emit as its
 * first answer token: the word-start piece {@code "▁" + word} when the vocabulary has it (SentencePiece, e.g.
 * Llama), else the word itself (word-level vocabularies such as the organism's).
 *
 * @param words  the answer labels, e.g. [before, after]
 * @param pieces the vocabulary piece of each
 * @param ids    the vocabulary id of each
 */
public record AnswerPieces(List<String> words, List<String> pieces, int[] ids) {

    /** The world's answer words for before/after questions. */
    public static final List<String> WORDS = List.of("before", "after");

    /** Resolves the pieces of {@link #WORDS}, or the given override pieces (null = detect). */
    public static AnswerPieces resolve(Tokenizer tokenizer, List<String> override) {
        if (override != null && override.size() != 2) {
            throw new VlmscopeException("--answers needs two pieces (for before, after), got " + override
                    + ". Fix: e.g. --answers ▁Before,▁After");
        }
        String[] pieces = new String[2];
        int[] ids = new int[2];
        for (int k = 0; k < 2; k++) {
            AnswerTokens read = override != null ? new AnswerReadout.ExactPiece().resolve(tokenizer, override.get(k))
                    : new AnswerReadout.WordStartOrBare().resolve(tokenizer, WORDS.get(k));
            pieces[k] = read.piece();
            ids[k] = read.id();
        }
        return new AnswerPieces(WORDS, List.of(pieces), ids);
    }

    public ObjectNode json() {
        ObjectNode o = ExperimentOutput.object();
        for (int k = 0; k < 2; k++) o.putObject(words.get(k)).put("piece", pieces.get(k)).put("id", ids[k]);
        return o;
    }
}
