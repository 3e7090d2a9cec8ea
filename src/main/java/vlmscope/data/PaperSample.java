package vlmscope.data;

import vlmscope.VlmscopeException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which rows of a subset an experiment uses: the paper's {@code random.seed(42); random.sample(range(n), 100)}
 * (docs/paper-mapping.md#samples, reproduced exactly with {@link CpythonRandom}) or an index list read from a file.
 */
public final class PaperSample {

    /** The paper's seed and sample size. */
    public static final int PAPER_SEED = 42, PAPER_SIZE = 100;

    private PaperSample() {
    }

    /** {@code random.seed(seed); random.sample(range(subsetSize), min(size, subsetSize))}. */
    public static int[] indices(int subsetSize, int size, long seed) {
        return new CpythonRandom(seed).sample(subsetSize, Math.min(size, subsetSize));
    }

    /**
     * Indices into a subset of {@code subsetSize} rows from a file of integers separated by commas, whitespace or
     * brackets (a Python list printed as is works).
     */
    public static int[] readIndices(Path file, int subsetSize) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw VlmscopeException.badInput(file, "cannot read the index list (" + e.getMessage() + ")",
                    "pass a text file of 0-based row indices into the left/right subset", e);
        }
        List<Integer> out = new ArrayList<>();
        for (String token : text.split("[\\s,\\[\\]]+")) {
            if (token.isEmpty()) continue;
            int i;
            try {
                i = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw VlmscopeException.badInput(file, "'" + token + "' is not an integer index",
                        "list 0-based indices separated by commas or whitespace");
            }
            if (i < 0 || i >= subsetSize) {
                throw VlmscopeException.badInput(file, "index " + i + " is outside the subset's " + subsetSize + " rows",
                        "use 0-based indices below " + subsetSize);
            }
            out.add(i);
        }
        if (out.isEmpty()) throw VlmscopeException.badInput(file, "the index list is empty", "list at least one index");
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
