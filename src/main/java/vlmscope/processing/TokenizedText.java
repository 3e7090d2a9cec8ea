package vlmscope.processing;

/**
 * The result of tokenizing one string: token ids, their vocabulary pieces, and each token's character span in the
 * input as Java {@code String} (UTF-16) indices, end exclusive.
 *
 * @param ids    token ids                                          // [T]
 * @param tokens vocabulary pieces, e.g. {@code ▁the}, {@code <0x0A>} // [T]
 * @param starts first UTF-16 index of each token in the input; -1 for special tokens added by the tokenizer // [T]
 * @param ends   UTF-16 index after each token; -1 for special tokens added by the tokenizer               // [T]
 */
public record TokenizedText(int[] ids, String[] tokens, int[] starts, int[] ends) {

    /** Number of tokens. */
    public int size() {
        return ids.length;
    }
}
