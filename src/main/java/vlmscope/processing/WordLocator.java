package vlmscope.processing;

import java.util.List;
import java.util.stream.IntStream;
import vlmscope.VlmscopeException;

/**
 * Finds an object word's token positions as the paper does (docs/paper-mapping.md#positions): the word is represented by the last
 * piece of {@code tokenize(" " + word)} (for "frog": {@code rog}; for "potted plant": {@code ▁plant}), and its
 * positions are those whose token string equals that piece exactly. A word outside the vocabulary (one that becomes
 * the unknown piece, as every such word does in a word-level vocabulary) cannot be told apart from other unknown
 * words and is an error.
 */
public final class WordLocator {

    private final Tokenizer tokenizer;

    public WordLocator(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** The token piece that stands for {@code word}: the last piece of {@code tokenize(" " + word)}. */
    public String lastPiece(String word) {
        if (word.isBlank()) {
            throw new VlmscopeException("object word is empty. Fix: name the object, e.g. 'frog'");
        }
        List<String> pieces = tokenizer.tokenize(" " + word);
        String piece = pieces.getLast();
        if (tokenizer.isUnknown(piece)) {
            throw VlmscopeException.badInput(tokenizer.file(), "object word '" + word + "' is outside this model's vocabulary (it"
                    + " becomes " + piece + ", as every unknown word does, so its position cannot be found)",
                    "use an object word the model knows (one whose tokens are not " + piece + ")");
        }
        return piece;
    }

    /**
     * Positions in {@code input}'s expanded sequence of {@code word}'s piece, ascending.
     *
     * @throws VlmscopeException when the piece does not occur
     */
    public int[] positions(ModelInput input, String word, Occurrence which) {
        String piece = lastPiece(word);
        String[] tokens = input.tokens();
        int[] all = IntStream.range(0, tokens.length).filter(i -> tokens[i].equals(piece)).toArray();
        if (all.length == 0) {
            throw new VlmscopeException("object word '" + word + "' (token piece '" + piece
                    + "') does not occur in the prompt: " + input.prompt()
                    + ". Fix: use the word exactly as it appears in the prompt (matching is case-sensitive, and a word at"
                    + " the start of a line or right after the image has no leading '▁' and does not match)");
        }
        return switch (which) {
            case ALL -> all;
            case FIRST -> new int[] {all[0]};
            case LAST -> new int[] {all[all.length - 1]};
        };
    }
}
