package vlmscope.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The dense loss's class balance between object patches and empty patches, in closed form. */
class DenseLossWeightsTest {

    @Test
    void objectAndEmptyPatchesEachWeighOneHalf() {
        // 1 object patch (label 3) and 3 empty ones (label 9): 1/2 for the object, 1/6 for each empty patch
        assertArrayEquals(new float[]{1f / 6, 0.5f, 1f / 6, 1f / 6}, Losses.balancedWeights(new int[]{9, 3, 9, 9}, 9), 1e-7f);
    }

    @Test
    void aBatchWithOneSideOnlyIsAPlainMean() {
        assertArrayEquals(new float[]{0.25f, 0.25f, 0.25f, 0.25f}, Losses.balancedWeights(new int[]{9, 9, 9, 9}, 9), 1e-7f);
        assertArrayEquals(new float[]{0.5f, 0.5f}, Losses.balancedWeights(new int[]{1, 2}, 9), 1e-7f);
    }
}
