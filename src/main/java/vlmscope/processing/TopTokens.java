package vlmscope.processing;

import java.util.Arrays;

/** The k most likely next tokens of a log-prob vector, most likely first (ties: lower id first). */
public final class TopTokens {

    private TopTokens() {
    }

    /** Ids of the {@code min(k, V)} largest entries of {@code logProbs} ({@code [V]}), in descending order. */
    public static int[] of(float[] logProbs, int k) {
        Integer[] order = new Integer[logProbs.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Float.compare(logProbs[b], logProbs[a]));
        int n = Math.max(0, Math.min(k, order.length));
        int[] top = new int[n];
        for (int r = 0; r < n; r++) top[r] = order[r];
        return top;
    }
}
