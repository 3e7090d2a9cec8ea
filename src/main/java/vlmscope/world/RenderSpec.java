package vlmscope.world;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vlmscope.VlmscopeException;

/**
 * What to render: the kind, how many, from which seed, and the kind's parameters.
 *
 * @param count      samples for the non-grid kinds (grid renders every image of every pair)
 * @param cells      m of the m×m grid (grid only)
 * @param pairs      grid object pairs, each "a,b" (A = a, B = b)
 * @param sizes      grid object sizes as the paper's labels (224ths of a cell)
 * @param minFrames  shortest video, frames
 * @param maxFrames  longest video, frames
 */
public record RenderSpec(SceneKind kind, int count, long seed, int canvas, int cells, List<String> pairs,
                         List<Integer> sizes, BackgroundChoice background, int minFrames, int maxFrames) {

    public RenderSpec {
        pairs = List.copyOf(pairs);
        sizes = List.copyOf(sizes);
        if (kind != SceneKind.GRID && count < 1) throw bad("--n " + count + " renders nothing", "pass --n 1 or more");
        if (canvas < 24 || canvas > 4096) throw bad("--canvas " + canvas + " is out of range", "use 24 … 4096 pixels");
        if (kind == SceneKind.GRID) {
            if (cells < 2 || canvas % cells != 0)
                throw bad("--canvas " + canvas + " is not a multiple of --cells " + cells, "pick --canvas = cells × cell size");
            if (pairs.isEmpty()) throw bad("grid needs object pairs", "pass --pairs a,b");
            for (String pair : pairs) kindsOf(pair);
            for (int s : sizes) if (s < 1 || s > 224) throw bad("--sizes " + s + " is not in 1 … 224", "use the paper's 74,124,174,224");
        }
        if (kind == SceneKind.VIDEO && (minFrames < 2 || maxFrames < minFrames))
            throw bad("--frames " + minFrames + "-" + maxFrames + " is not a range of at least 2 frames", "use e.g. 4-8");
    }

    /** The two kind names of a grid pair "a,b". */
    public static List<String> kindsOf(String pair) {
        String[] parts = pair.split(",", -1);
        if (parts.length != 2 || parts[0].equals(parts[1]))
            throw bad("--pairs " + pair + " is not two different kinds a,b", "write e.g. --pairs dog,cat");
        for (String k : parts)
            if (Catalogue.byName(k).isEmpty())
                throw bad("--pairs " + pair + ": unknown object kind '" + k + "'", "use kinds from " + Catalogue.names());
        return List.of(parts);
    }

    /** Samples this spec renders. */
    public int total() {
        return kind == SceneKind.GRID ? pairs.size() * grid().imagesPerPair() : count;
    }

    GridGenerator grid() {
        return new GridGenerator(canvas, cells, sizes);
    }

    /** The dataset header: kind, seed and exactly the parameters that shape this kind's output. */
    public DatasetHeader header() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("canvas", Integer.toString(canvas));
        params.put("background", background.name().toLowerCase(java.util.Locale.ROOT));
        if (kind == SceneKind.GRID) {
            params.put("cells", Integer.toString(cells));
            params.put("pairs", String.join(";", pairs));
            params.put("sizes", sizes.toString());
        } else {
            params.put("n", Integer.toString(count));
        }
        if (kind == SceneKind.VIDEO) params.put("frames", minFrames + "-" + maxFrames);
        return new DatasetHeader(DatasetHeader.FORMAT, kind, seed, params);
    }

    private static VlmscopeException bad(String problem, String fix) {
        return new VlmscopeException(problem + ". Fix: " + fix);
    }
}
