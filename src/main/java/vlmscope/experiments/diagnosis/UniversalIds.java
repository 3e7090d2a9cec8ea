package vlmscope.experiments.diagnosis;

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
 * Universal spatial IDs and axes from the spatial-ID extraction's {@code ids.safetensors} ({@link VectorStore}):
 * keys {@code L{L}/universal/x{x}_y{y}_s{size}}, {@code L{L}/axis/x} and {@code L{L}/axis/y}, where L is the block
 * index of {@code blocks.{L}.resid_post}, x the column (0 = left), y the row (0 = top). The largest object size
 * present is used unless another is asked for (the paper uses its largest, 224).
 */
public final class UniversalIds {

    private static final Pattern UNIVERSAL = Pattern.compile("L(\\d+)/universal/x(\\d+)_y(\\d+)_s(\\d+)");

    private final Path file;
    private final Map<String, float[]> vectors;
    private final int cells;
    private final int size;
    private final SortedSet<Integer> layers;

    private UniversalIds(Path file, Map<String, float[]> vectors, int cells, int size, SortedSet<Integer> layers) {
        this.file = file;
        this.vectors = vectors;
        this.cells = cells;
        this.size = size;
        this.layers = layers;
    }

    /** Reads {@code file}; {@code size} picks the object-size label, null for the largest present. */
    public static UniversalIds read(Path file, Integer size) {
        return of(file, VectorStore.read(file), size);
    }

    /** IDs already in memory, keyed as in the file ({@code file} names them in messages). */
    public static UniversalIds of(Path file, Map<String, float[]> vectors, Integer size) {
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
                    "pass the ids.safetensors written by the spatial-ID extraction with --ids");
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
        return new UniversalIds(file, new HashMap<>(vectors), maxCell + 1, chosen, layers);
    }

    public Path file() {
        return file;
    }

    /** Cells per side of the ID grid (4 in the paper). */
    public int cells() {
        return cells;
    }

    public SortedSet<Integer> layers() {
        return new TreeSet<>(layers);
    }

    /** The universal ID of cell (x, y) at {@code layer}: [d]. */
    public float[] universal(int layer, int x, int y) {
        return require("L" + layer + "/universal/x" + x + "_y" + y + "_s" + size);
    }

    /** The horizontal ({@code "x"}) or vertical ({@code "y"}) axis at {@code layer}: [d]. */
    public float[] axis(int layer, String which) {
        return require("L" + layer + "/axis/" + which);
    }

    /** Fails early, naming the file, when a layer lacks its IDs or axes. */
    public void requireLayer(int layer, boolean axes) {
        for (int x = 0; x < cells; x++)
            for (int y = 0; y < cells; y++) universal(layer, x, y);
        if (axes) {
            axis(layer, "x");
            axis(layer, "y");
        }
    }

    private float[] require(String key) {
        float[] v = vectors.get(key);
        if (v == null) {
            throw VlmscopeException.badInput(file, "has no vector " + key + " (layers with IDs: " + layers + ")",
                    "choose --layers within the ID file's layers, or extract IDs for these layers");
        }
        return v.clone();
    }
}
