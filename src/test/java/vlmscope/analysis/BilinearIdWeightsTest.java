package vlmscope.analysis;

import org.junit.jupiter.api.Test;
import vlmscope.analysis.BilinearIdWeights.Cell;
import vlmscope.analysis.BilinearIdWeights.Mode;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BilinearIdWeightsTest {

    private static double total(Map<Cell, Double> w) {
        return w.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Every centre on a fine lattice over the whole image, borders included: weights ≥ 0 summing to 1. */
    @Test
    void fixedWeightsSumToOneEverywhereIncludingLastRowAndColumn() {
        double width = 640, height = 480;
        for (int cells : new int[] {1, 2, 4, 5}) {
            for (int i = 0; i <= 64; i++)
                for (int j = 0; j <= 64; j++) {
                    double cx = width * i / 64, cy = height * j / 64;
                    Map<Cell, Double> w = BilinearIdWeights.weights(cx, cy, width, height, cells, Mode.FIXED);
                    assertEquals(1, total(w), 1e-12, "centre " + cx + "," + cy + " grid " + cells);
                    w.values().forEach(v -> assertTrue(v >= 0));
                    w.keySet().forEach(c -> assertTrue(c.x() >= 0 && c.x() < cells && c.y() >= 0 && c.y() < cells));
                }
        }
    }

    /** A centre at a cell's centre puts all weight on that cell, for every cell of a 4×4 grid. */
    @Test
    void fixedModeAnchorsCellsAtTheirCentres() {
        for (int x = 0; x < 4; x++)
            for (int y = 0; y < 4; y++) {
                Map<Cell, Double> w = BilinearIdWeights.weights((x + 0.5) * 100, (y + 0.5) * 50, 400, 200, 4, Mode.FIXED);
                assertEquals(1, w.getOrDefault(new Cell(x, y), 0.0), 1e-12, "cell " + x + "," + y);
            }
        // halfway between the centres of columns 1 and 2, row 0 centre: 0.5 / 0.5
        Map<Cell, Double> w = BilinearIdWeights.weights(200, 25, 400, 200, 4, Mode.FIXED);
        assertEquals(0.5, w.get(new Cell(1, 0)), 1e-12);
        assertEquals(0.5, w.get(new Cell(2, 0)), 1e-12);
    }

    /** The paper's dict overwrite: in the last column the weights sum to wx, in the last row to wy, at the corner wx·wy. */
    @Test
    void paperModeReproducesTheOverwrite() {
        // fx = 4·350/400 = 3.5 → x0 = x1 = 3, wx = 0.5; fy = 4·30/200 = 0.6 → y0 = 0, wy = 0.6
        Map<Cell, Double> lastColumn = BilinearIdWeights.weights(350, 30, 400, 200, 4, Mode.PAPER);
        assertEquals(0.5, total(lastColumn), 1e-12);
        assertEquals(0.5 * 0.4, lastColumn.get(new Cell(3, 0)), 1e-12);   // wx(1−wy) overwrote (1−wx)(1−wy)
        assertEquals(0.5 * 0.6, lastColumn.get(new Cell(3, 1)), 1e-12);   // wx·wy overwrote (1−wx)wy
        // fy = 4·190/200 = 3.8 → last row, wy = 0.8; fx = 4·110/400 = 1.1, wx = 0.1
        assertEquals(0.8, total(BilinearIdWeights.weights(110, 190, 400, 200, 4, Mode.PAPER)), 1e-12);
        assertEquals(0.5 * 0.8, total(BilinearIdWeights.weights(350, 190, 400, 200, 4, Mode.PAPER)), 1e-12);
        // inside the grid the paper's weights are the plain left-edge-anchored bilinear ones
        Map<Cell, Double> inner = BilinearIdWeights.weights(110, 30, 400, 200, 4, Mode.PAPER);
        assertEquals(1, total(inner), 1e-12);
        assertEquals(0.9 * 0.4, inner.get(new Cell(1, 0)), 1e-12);
        // a centre on the right border: x0 = 4 is dropped, x1 = 3 has weight wx = 0
        assertEquals(0, total(BilinearIdWeights.weights(400, 30, 400, 200, 4, Mode.PAPER)), 1e-12);
    }

    /** A linear ID field U(x, y) = x·a + y·b is reproduced exactly at cell centres and interpolated linearly between. */
    @Test
    void groundTruthIdInterpolatesALinearField() {
        float[] a = {1, 0, 2}, b = {0, 3, -1};
        java.util.function.BiFunction<Integer, Integer, float[]> u =
                (x, y) -> new float[] {x * a[0] + y * b[0], x * a[1] + y * b[1], x * a[2] + y * b[2]};
        // box centred at (250, 75) in 400×200: fx = 2.5 − 0.5 = 2.0, fy = 1.5 − 0.5 = 1.0 → U(2, 1)
        assertArrayEquals(u.apply(2, 1), GroundTruthIds.fromBox(230, 55, 40, 40, 400, 200, 4, u, Mode.FIXED), 1e-6f);
        // centre (200, 62.5): fx = 1.5, fy = 0.75 → 1.5·a + 0.75·b
        float[] expected = {1.5f, 2.25f, 2.25f};
        assertArrayEquals(expected, GroundTruthIds.fromBox(190, 52.5, 20, 20, 400, 200, 4, u, Mode.FIXED), 1e-6f);
    }
}
