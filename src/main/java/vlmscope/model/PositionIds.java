package vlmscope.model;

import java.util.Arrays;

/**
 * The rotary position ids of a run of tokens, carried by the engine per token: {@code ids[axis][i]} is the position
 * of sequence row {@code offset + i} along one rotary axis. 1-D RoPE (Llama, LLaVA) has one axis holding
 * {@code offset .. offset + t - 1}; 3-D M-RoPE (Qwen2-VL) has three (time, height, width) whose values differ from the
 * sequence index. A patched suffix reuses the clean run's ids ({@link #from(int)}), so a family whose positions
 * are not the sequence index stays exact.
 *
 * @param offset sequence index of the first row (KV-cache length before it, hook offset)
 * @param ids    [axes][t] position ids
 */
public record PositionIds(int offset, int[][] ids) {

    public PositionIds {
        if (ids.length == 0) throw new IllegalArgumentException("position ids need at least one axis");
        int t = ids[0].length;
        int[][] copy = new int[ids.length][];
        for (int a = 0; a < ids.length; a++) {
            if (ids[a].length != t) throw new IllegalArgumentException("ragged position ids");
            copy[a] = ids[a].clone();
        }
        ids = copy;
    }

    /** 1-D positions {@code offset .. offset + length - 1}, the sequence index itself. */
    public static PositionIds sequential(int offset, int length) {
        int[] p = new int[length];
        for (int i = 0; i < length; i++) p[i] = offset + i;
        return new PositionIds(offset, new int[][]{p});
    }

    public int length() {
        return ids[0].length;
    }

    public int axes() {
        return ids.length;
    }

    /** Position ids of one axis, [t]. */
    public int[] axis(int a) {
        return ids[a].clone();
    }

    /** The rows from sequence index {@code start} on (start in [offset, offset + length]). */
    public PositionIds from(int start) {
        int i = start - offset;
        if (i < 0 || i > length()) throw new IllegalArgumentException("row " + start + " outside [" + offset + ", " + (offset + length()) + "]");
        int[][] tail = new int[ids.length][];
        for (int a = 0; a < ids.length; a++) tail[a] = Arrays.copyOfRange(ids[a], i, ids[a].length);
        return new PositionIds(start, tail);
    }

    /** Ids for one token appended after these rows (generation): every axis continues from its largest id + 1. */
    public PositionIds next() {
        int[][] one = new int[ids.length][1];
        for (int a = 0; a < ids.length; a++) one[a][0] = Arrays.stream(ids[a]).max().orElse(offset - 1) + 1;
        return new PositionIds(offset + length(), one);
    }

    /** The first id if the single axis counts up by one from it (the fast contiguous rotary path), else -1. */
    public int contiguousStart() {
        if (ids.length != 1) return -1;
        int[] p = ids[0];
        for (int i = 1; i < p.length; i++) if (p[i] != p[0] + i) return -1;
        return p.length == 0 ? offset : p[0];
    }
}
