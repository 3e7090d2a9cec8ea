package vlmscope.processing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class TopTokensTest {

    @Test
    void largestFirstTiesByLowerIdAndKClamped() {
        float[] lp = {-3f, -0.5f, -2f, -0.5f, -9f}; // [V]
        assertArrayEquals(new int[]{1, 3, 2}, TopTokens.of(lp, 3));
        assertArrayEquals(new int[]{1, 3, 2, 0, 4}, TopTokens.of(lp, 99));
        assertArrayEquals(new int[]{}, TopTokens.of(lp, 0));
    }
}
