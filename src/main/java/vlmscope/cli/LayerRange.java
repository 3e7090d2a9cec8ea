package vlmscope.cli;

import vlmscope.VlmscopeException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of {@code --layers}: block indices L of {@code blocks.L.resid_post}, written {@code a}, {@code a-b}
 * or a comma list of those, each checked against the model's block count. Everything else ({@code 2-}, {@code -1},
 * {@code 3-1}, a block the model does not have) is one error line naming the value and the valid blocks.
 */
final class LayerRange {

    private static final Pattern TERM = Pattern.compile("\\s*(\\d+)\\s*(?:-\\s*(\\d+)\\s*)?");

    private LayerRange() {
    }

    /** {@code "12-14"}, {@code "1,3"}, {@code "0-2,7"}: the blocks in the order written. */
    static List<Integer> list(String text, int blocks) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int[] ab = term(text, part, blocks);
            for (int l = ab[0]; l <= ab[1]; l++) out.add(l);
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
        if (text.contains(",")) {
            throw new VlmscopeException("--layers '" + text + "' is a list, this command takes one range. Fix: use a-b, e.g. --layers 0-"
                    + (blocks - 1) + " (blocks 0.." + (blocks - 1) + ")");
        }
        return term(text, text, blocks);
    }

    /** {@code a} or {@code a-b} (spaces allowed) as {a, b}, within {@code [0, blocks)} and not backward. */
    private static int[] term(String text, String part, int blocks) {
        Matcher m = TERM.matcher(part);
        if (!m.matches()) {
            throw new VlmscopeException("--layers '" + text + "' is not a list of ranges ('" + part.strip()
                    + "' is not a or a-b). Fix: use e.g. 12-14 or 1,3 (blocks 0.." + (blocks - 1) + ")");
        }
        int a, b;
        try {
            a = Integer.parseInt(m.group(1));
            b = m.group(2) == null ? a : Integer.parseInt(m.group(2));
        } catch (NumberFormatException e) {
            throw new VlmscopeException("--layers '" + text + "' names a block past the model's. Fix: use blocks 0.." + (blocks - 1));
        }
        if (b < a) {
            throw new VlmscopeException("--layers '" + text + "' has the backward range " + part.strip()
                    + ". Fix: write a-b with a <= b (blocks 0.." + (blocks - 1) + ")");
        }
        if (b >= blocks) {
            throw new VlmscopeException("--layers '" + text + "' names block " + b + ", outside the model's blocks 0.."
                    + (blocks - 1) + " (it has " + blocks + "). Fix: use blocks 0.." + (blocks - 1));
        }
        return new int[] {a, b};
    }
}
