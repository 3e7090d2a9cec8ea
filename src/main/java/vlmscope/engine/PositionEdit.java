package vlmscope.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import vlmscope.hooks.Intervention;
import vlmscope.hooks.Site;
import vlmscope.model.Dtypes;

import java.util.Arrays;

/**
 * Replace or add at rows (sequence positions) of a {@code [rows, d]} site. Values are given in float32 and cast to
 * the activation's precision when applied.
 */
public final class PositionEdit implements Intervention {

    /** What the edit does with the given values. */
    public enum Mode { REPLACE, ADD }

    private final Site site;
    private final int[] positions;
    private final float[] values; // [n, d] row-major, or [d] broadcast to every position (ADD only)
    private final int width;
    private final Mode mode;

    private PositionEdit(Site site, int[] positions, float[] values, int width, Mode mode) {
        if (!site.isRows()) {
            throw new IllegalArgumentException("position edits apply to [T, d] sites, not " + site);
        }
        if (positions.length == 0) throw new IllegalArgumentException("an edit needs at least one position");
        int[] sorted = positions.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) throw new IllegalArgumentException("duplicate position " + sorted[i]);
        }
        if (sorted[0] < 0) throw new IllegalArgumentException("negative position " + sorted[0]);
        this.site = site;
        this.positions = positions.clone();
        this.values = values.clone();
        this.width = width;
        this.mode = mode;
    }

    /** Overwrite rows {@code positions} of {@code site} with {@code rows} ([n, d], one row per position). */
    public static PositionEdit replace(Site site, int[] positions, float[][] rows) {
        return new PositionEdit(site, positions, flatten(rows, positions.length), rows[0].length, Mode.REPLACE);
    }

    /** Add {@code vector} ([d]) to rows {@code positions} of {@code site}. */
    public static PositionEdit add(Site site, int[] positions, float[] vector) {
        float[] tiled = new float[positions.length * vector.length];
        for (int i = 0; i < positions.length; i++) System.arraycopy(vector, 0, tiled, i * vector.length, vector.length);
        return new PositionEdit(site, positions, tiled, vector.length, Mode.ADD);
    }

    /** Add one row per position ({@code rows} [n, d]). */
    public static PositionEdit addRows(Site site, int[] positions, float[][] rows) {
        return new PositionEdit(site, positions, flatten(rows, positions.length), rows[0].length, Mode.ADD);
    }

    private static float[] flatten(float[][] rows, int n) {
        if (rows.length != n) throw new IllegalArgumentException(rows.length + " rows for " + n + " positions");
        int d = rows[0].length;
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) throw new IllegalArgumentException("ragged rows");
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return flat;
    }

    @Override
    public Site site() {
        return site;
    }

    @Override
    public int firstPosition() {
        return Arrays.stream(positions).min().orElseThrow();
    }

    public int[] positions() {
        return positions.clone();
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public NDArray visit(Site visited, NDArray activation, int offset) {
        if (!visited.equals(site)) return activation;
        long rows = activation.getShape().get(0);
        long d = activation.getShape().get(1);
        if (d != width) {
            throw new IllegalArgumentException("edit at " + site + " has width " + width + " but the activation has " + d);
        }
        int[] local = new int[positions.length];
        int[] source = new int[positions.length];
        int n = 0;
        for (int i = 0; i < positions.length; i++) {
            int p = positions[i] - offset;
            if (p >= 0 && p < rows) {
                local[n] = p;
                source[n++] = i;
            }
        }
        if (n == 0) return activation;
        NDManager m = activation.getManager();
        float[] picked = new float[n * width];
        for (int i = 0; i < n; i++) System.arraycopy(values, source[i] * width, picked, i * width, width);
        NDArray index = m.create(Arrays.copyOf(local, n));                                  // [n]
        NDArray rowsValues = m.create(picked, new Shape(n, width));    // [n, d]
        NDArray edited = activation.duplicate();                                            // [rows, d]
        NDArray update = Dtypes.like(rowsValues, activation);                          // [n, d]
        if (mode == Mode.ADD) update = activation.get(new NDIndex("{}", index)).add(update);
        edited.set(new NDIndex("{}", index), update);
        return edited;
    }
}
