package vlmscope.experiments.ids;

import vlmscope.VlmscopeException;
import vlmscope.results.VectorStore;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Universal spatial IDs and axes as the spatial-ID extraction writes them ({@code ids.safetensors}, read with
 * {@link VectorStore}, keys as in {@link IdKeys}): {@code L{L}/universal/x{x}_y{y}_s{size}} and {@code L{L}/axis/x},
 * {@code L{L}/axis/y}. L is the block index of {@code blocks.{L}.resid_post}; x is the column (0 = left), y the row
 * (0 = top); size is the paper's object-size label. One size is selected (the largest present unless asked otherwise;
 * the paper uses its largest, 224).
 */
public final class SpatialIdFile {

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
        return of(file, VectorStore.read(file), size);
    }

    /** IDs already in memory, keyed as in the file ({@code file} names them in messages). */
    public static SpatialIdFile of(Path file, Map<String, float[]> vectors, Integer size) {
        int maxCell = -1;
        SortedSet<Integer> sizes = new TreeSet<>();
        for (String key : vectors.keySet()) {
            var parsed = IdKeys.parseUniversal(key);
            if (parsed.isEmpty()) continue;
            GridLoc loc = parsed.get().loc();
            maxCell = Math.max(maxCell, Math.max(loc.x(), loc.y()));
            sizes.add(loc.size());
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
            IdKeys.parseUniversal(key).filter(u -> u.loc().size() == chosen).ifPresent(u -> layers.add(u.layer()));
        }
        return new SpatialIdFile(file, new HashMap<>(vectors), maxCell + 1, chosen, layers);
    }

    public Path file() {
        return file;
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

    /** The universal ID of cell (x, y) at {@code layer}: [d]. */
    public float[] universal(int layer, int x, int y) {
        return require(IdKeys.universal(layer, new GridLoc(x, y, size)));
    }

    /** The horizontal ({@code "x"}) or vertical ({@code "y"}) axis at {@code layer}: [d]. */
    public float[] axis(int layer, String which) {
        return require(IdKeys.axis(layer, false, which));
    }

    /** Vector width d. */
    public int width() {
        return universal(layers.first(), 0, 0).length;
    }

    /** Fails early, naming the file, when {@code layer} lacks one of its universal IDs or ({@code axes}) its axes. */
    public void requireLayer(int layer, boolean axes) {
        for (int x = 0; x < gridSize; x++)
            for (int y = 0; y < gridSize; y++) universal(layer, x, y);
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
