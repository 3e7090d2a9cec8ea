package vlmscope.model.qwen2vl;

/**
 * Qwen2-VL's 3-D position ids of a token sequence: row 0 temporal, row 1 height, row 2 width. Text tokens carry
 * the same value in all three rows; an image's tokens carry (t, row, column) of their merged patch offset by the
 * text before them.
 *
 * @param rows  [3][T] position ids
 * @param delta HF's {@code rope_deltas}: max position + 1 - T (what a generated token's position adds to its index)
 */
public record MropePositions(int[][] rows, int delta) {

    public int length() {
        return rows[0].length;
    }

    /** Text-only positions 0 .. T-1 in every row (what get_rope_index gives a prompt without images). */
    public static MropePositions text(int length) {
        int[][] rows = new int[3][length];
        for (int r = 0; r < 3; r++) for (int i = 0; i < length; i++) rows[r][i] = i;
        return new MropePositions(rows, 0);
    }

    /** Positions p0 .. p0 + t - 1 of this sequence: [3][t]. */
    public int[][] slice(int p0, int t) {
        int[][] out = new int[3][t];
        for (int r = 0; r < 3; r++) System.arraycopy(rows[r], p0, out[r], 0, t);
        return out;
    }
}
