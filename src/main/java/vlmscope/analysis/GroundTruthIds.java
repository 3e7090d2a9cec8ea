package vlmscope.analysis;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * The ground-truth spatial ID of an object from its bounding box: the bilinear mix, at the box centre, of the
 * universal IDs of the surrounding grid cells (docs/paper-mapping.md#deviation, {@code compute_spatial_id_from_bbox}).
 */
public final class GroundTruthIds {

    private GroundTruthIds() {
    }

    /**
     * Σ weight · U(cell) over {@link BilinearIdWeights#weights} of the centre of box ({@code x}, {@code y},
     * {@code w}, {@code h}) in a {@code width}×{@code height} image.
     *
     * @param universal the universal ID of cell (column, row): [d]
     * @return [d]
     */
    public static float[] fromBox(double x, double y, double w, double h, double width, double height, int cells,
                                  BiFunction<Integer, Integer, float[]> universal, BilinearIdWeights.Mode mode) {
        Map<BilinearIdWeights.Cell, Double> weights =
                BilinearIdWeights.weights(x + w / 2, y + h / 2, width, height, cells, mode);
        float[] sum = null;                                             // [d]
        for (Map.Entry<BilinearIdWeights.Cell, Double> e : weights.entrySet()) {
            float[] id = universal.apply(e.getKey().x(), e.getKey().y());
            if (sum == null) sum = new float[id.length];
            for (int i = 0; i < id.length; i++) sum[i] += (float) (e.getValue() * id[i]);
        }
        if (sum == null) throw new IllegalStateException("no grid cell near the box centre");
        return sum;
    }
}
