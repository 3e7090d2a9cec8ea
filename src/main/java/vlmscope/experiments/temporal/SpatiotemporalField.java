package vlmscope.experiments.temporal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One layer's ID field over (grid cell × time): {@code mean[c][f]} [C, F, d] = the object word's row averaged over
 * target kinds, for cell c (row-major, c = row·cells + col) and start frame f. Gives the additive decomposition of its
 * spread — time main effect, position main effect, interaction, as shares of the total sum of squares around the
 * grand mean — and its projections on three 1-D axes fitted like Fig 10B's ({@link TemporalAxis}: first < last):
 * time (PC1 of the frame means), x (of the column means) and y (of the row means).
 *
 * @param cells grid side m (C = m²)
 * @param mean  [C, F, d]
 */
public record SpatiotemporalField(int cells, double[][][] mean) {

    /** Shares of the total sum of squares: time, position, interaction (NaN when the field is constant). */
    public record Shares(double time, double position, double interaction) {
    }

    /** Per layer, the field from the grid records ({@code "rows": {"L{l}": [d]}}); missing cells are an error. */
    public static Map<Integer, SpatiotemporalField> of(List<JsonNode> records, int cells, int frames) {
        Map<Integer, double[][][]> sums = new TreeMap<>();
        Map<Integer, int[][]> counts = new TreeMap<>();
        for (JsonNode r : records) {
            int c = r.path("row").asInt() * cells + r.path("col").asInt(), f = r.path("frame").asInt();
            r.path("rows").properties().forEach(e -> {
                int layer = Integer.parseInt(e.getKey().substring(1));
                double[] row = TemporalIds.doubles(e.getValue());   // [d]
                double[][][] s = sums.computeIfAbsent(layer, k -> new double[cells * cells][frames][]);
                int[][] n = counts.computeIfAbsent(layer, k -> new int[cells * cells][frames]);
                if (s[c][f] == null) s[c][f] = new double[row.length];
                for (int i = 0; i < row.length; i++) s[c][f][i] += row[i];
                n[c][f]++;
            });
        }
        Map<Integer, SpatiotemporalField> out = new TreeMap<>();
        sums.forEach((layer, s) -> {
            int[][] n = counts.get(layer);
            for (int c = 0; c < s.length; c++)
                for (int f = 0; f < frames; f++) {
                    if (n[c][f] == 0) {
                        throw new IllegalStateException("grid cell " + c + " frame " + f + " has no record at layer " + layer);
                    }
                    for (int i = 0; i < s[c][f].length; i++) s[c][f][i] /= n[c][f];
                }
            out.put(layer, new SpatiotemporalField(cells, s));
        });
        return out;
    }

    public int positions() {
        return mean.length;
    }

    public int frames() {
        return mean[0].length;
    }

    /** Mean over cells per frame [F, d]. */
    public double[][] frameMeans() {
        double[][] out = new double[frames()][];
        for (int f = 0; f < frames(); f++) {
            double[][] rows = new double[positions()][];
            for (int c = 0; c < positions(); c++) rows[c] = mean[c][f];
            out[f] = average(rows);
        }
        return out;
    }

    /** Mean over frames per cell [C, d]. */
    public double[][] cellMeans() {
        double[][] out = new double[positions()][];
        for (int c = 0; c < positions(); c++) out[c] = average(mean[c]);
        return out;
    }

    /** Mean over rows and frames per column ({@code x}) or over columns and frames per row [m, d]. */
    public double[][] lineMeans(boolean columns) {
        double[][] cellMeans = cellMeans();
        double[][] out = new double[cells][];
        for (int k = 0; k < cells; k++) {
            double[][] rows = new double[cells][];
            for (int j = 0; j < cells; j++) rows[j] = cellMeans[columns ? j * cells + k : k * cells + j];
            out[k] = average(rows);
        }
        return out;
    }

    public Shares shares() {
        double[][] frameMeans = frameMeans(), cellMeans = cellMeans();
        double[] grand = average(cellMeans);
        double total = 0, time = 0, position = 0;
        for (double[][] cell : mean) for (double[] v : cell) total += squaredDistance(v, grand);
        for (double[] v : frameMeans) time += positions() * squaredDistance(v, grand);
        for (double[] v : cellMeans) position += frames() * squaredDistance(v, grand);
        if (!(total > 0)) return new Shares(Double.NaN, Double.NaN, Double.NaN);
        return new Shares(time / total, position / total, (total - time - position) / total);
    }

    /** Normalised projections of every (cell, frame) on an axis: [C, F]. */
    public double[][] projections(TemporalAxis axis) {
        double[][] out = new double[positions()][frames()];
        for (int c = 0; c < positions(); c++) for (int f = 0; f < frames(); f++) out[c][f] = axis.normalised(mean[c][f]);
        return out;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return s;
    }

    private static double[] average(double[][] rows) {
        double[] out = new double[rows[0].length];
        for (double[] r : rows) for (int i = 0; i < out.length; i++) out[i] += r[i] / rows.length;
        return out;
    }
}
