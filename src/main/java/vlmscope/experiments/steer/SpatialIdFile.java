package vlmscope.experiments.steer;

import vlmscope.VlmscopeException;
import vlmscope.results.VectorStore;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Universal spatial IDs and axes as written by the spatial-ID extraction ({@code ids.safetensors}, read with
 * {@link VectorStore}): keys {@code L{L}/universal/x{x}_y{y}_s{size}} and {@code L{L}/axis/x}, {@code L{L}/axis/y}.
 * L is the block index of {@code blocks.{L}.resid_post}; x is the column (0 = left), y the row (0 = top); size is
 * the paper's object-size label. One size is selected (the largest present unless asked otherwise).
 */
public final class SpatialIdFile {

    private static final Pattern UNIVERSAL = Pattern.compile("L(\\d+)/universal/x(\\d+)_y(\\d+)_s(\\d+)");

    private final Path file;
    private final Map<String, float[]> vectors;
    private final int gridSize;
    private final int size;
    private final SortedSet<Integer> layers;

    private SpatialIdFile(Path file, Map<String, float[]> vectors, int gridSize, int size, SortedSet<Integer> layers) {
        this.file = file;
        this.vectors = vectors;
        this.gridSize = gridSize;
        this.size = size;
        this.layers = layers;
    }

    /** Reads {@code file}; {@code size} picks the object-size label, or null for the largest present. */
    public static SpatialIdFile read(Path file, Integer size) {
        Map<String, float[]> vectors = VectorStore.read(file);
        return of(file, vectors, size);
    }

    /** IDs already in memory (keys as in the file). */
    public static SpatialIdFile of(Path file, Map<String, float[]> vectors, Integer size) {
        int maxCell = -1;
        SortedSet<Integer> sizes = new TreeSet<>();
        for (String key : vectors.keySet()) {
            Matcher m = UNIVERSAL.matcher(key);
            if (!m.matches()) continue;
            maxCell = Math.max(maxCell, Math.max(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
            sizes.add(Integer.parseInt(m.group(4)));
        }
        if (sizes.isEmpty()) {
            throw VlmscopeException.badInput(file, "no universal IDs (keys L{L}/universal/x{x}_y{y}_s{size})",
                    "pass the ids.safetensors written by the spatial-ID extraction");
        }
        int chosen = size == null ? sizes.last() : size;
        if (!sizes.contains(chosen)) {
            throw VlmscopeException.badInput(file, "no IDs for object size " + chosen + " (sizes present: " + sizes + ")",
                    "use --id-size with one of " + sizes);
        }
        SortedSet<Integer> layers = new TreeSet<>();
        for (String key : vectors.keySet()) {
            Matcher m = UNIVERSAL.matcher(key);
            if (m.matches() && Integer.parseInt(m.group(4)) == chosen) layers.add(Integer.parseInt(m.group(1)));
        }
        int m = maxCell + 1;
        SpatialIdFile ids = new SpatialIdFile(file, new HashMap<>(vectors), m, chosen, layers);
        for (int layer : layers)
            for (int x = 0; x < m; x++)
                for (int y = 0; y < m; y++) ids.universal(layer, x, y);
        return ids;
    }

    /** Cells per side of the ID grid (4 in the paper). */
    public int gridSize() {
        return gridSize;
    }

    /** The selected object-size label. */
    public int size() {
        return size;
    }

    /** Layers (block indices) that have universal IDs at the selected size. */
    public SortedSet<Integer> layers() {
        return new TreeSet<>(layers);
    }

    public Path file() {
        return file;
    }

    /** The universal ID of cell (x, y) at {@code layer}: [d]. */
    public float[] universal(int layer, int x, int y) {
        return require("L" + layer + "/universal/x" + x + "_y" + y + "_s" + size);
    }

    /** The horizontal ({@code "x"}) or vertical ({@code "y"}) axis at {@code layer}: [d]. */
    public float[] axis(int layer, String which) {
        return require("L" + layer + "/axis/" + which);
    }

    /** Vector width d. */
    public int width() {
        return universal(layers.first(), 0, 0).length;
    }

    private float[] require(String key) {
        float[] v = vectors.get(key);
        if (v == null) {
            throw VlmscopeException.badInput(file, "has no vector " + key + " (layers with IDs: " + layers + ")",
                    "choose --layers within the ID file's layers, or re-extract IDs for these layers");
        }
        return v.clone();
    }
}
