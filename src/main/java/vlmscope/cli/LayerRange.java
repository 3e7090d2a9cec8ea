package vlmscope.cli;

import vlmscope.VlmscopeException;

import java.util.ArrayList;
import java.util.List;

/** Parses {@code --layers}: block indices L of {@code blocks.L.resid_post}, written {@code a}, {@code a-b} or a comma list of those. */
final class LayerRange {

    private LayerRange() {
    }

    /** {@code "12-14"}, {@code "1,3"}, {@code "0-2,7"}: the blocks in the order written; an error for a backward range. */
    static List<Integer> list(String text, int blocks) {
        List<Integer> out = new ArrayList<>();
        try {
            for (String part : text.split(",")) {
                int[] ab = term(part);
                if (ab[1] < ab[0]) throw new NumberFormatException(part);
                for (int l = ab[0]; l <= ab[1]; l++) out.add(l);
            }
        } catch (NumberFormatException e) {
            throw new VlmscopeException("--layers '" + text + "' is not a list of ranges. Fix: use e.g. 12-14 or 1,3 (blocks 0.."
                    + (blocks - 1) + ")");
        }
        return out;
    }

    /** {@link #list}, ascending and without repeats. */
    static int[] sortedList(String text, int blocks) {
        return list(text, blocks).stream().distinct().sorted().mapToInt(Integer::intValue).toArray();
    }

    /** One range {@code a-b} or {@code a} as {from, to}; null gives every block. */
    static int[] span(String text, int blocks) {
        if (text == null) return new int[] {0, blocks - 1};
        try {
            return term(text);
        } catch (NumberFormatException e) {
            throw new VlmscopeException("--layers '" + text + "' is not a range. Fix: use a-b, e.g. --layers 1-" + (blocks - 1));
        }
    }

    /** {@code a} or {@code a-b} (spaces allowed) as {a, b}. */
    private static int[] term(String text) {
        String[] ends = text.strip().split("-");
        if (ends.length == 1) {
            int l = Integer.parseInt(ends[0].strip());
            return new int[] {l, l};
        }
        if (ends.length == 2) return new int[] {Integer.parseInt(ends[0].strip()), Integer.parseInt(ends[1].strip())};
        throw new NumberFormatException(text);
    }
}
