package vlmscope.model.qwen2vl;

/**
 * One image as Qwen2-VL's vision tower reads it: HF's {@code pixel_values} rows and {@code image_grid_thw}.
 *
 * @param values  [gridT * gridH * gridW, C * temporalPatch * patch * patch] row-major; rows in the order
 *                (t, h / merge, w / merge, h % merge, w % merge), so each merge window's patches are consecutive;
 *                columns in the order (channel, temporal, y, x) of one patch
 * @param gridT   temporal patches (1 for a single image: the image is repeated temporal_patch_size times)
 * @param gridH   patch rows
 * @param gridW   patch columns
 * @param merge   spatial merge size (merge × merge patches become one decoder token)
 */
public record QwenPixels(float[] values, int gridT, int gridH, int gridW, int merge) {

    /** Patch rows of {@link #values}. */
    public int numPatches() {
        return gridT * gridH * gridW;
    }

    /** Floats per patch row. */
    public int rowLength() {
        return values.length / numPatches();
    }

    /** Decoder tokens this image becomes: (t · h · w) / merge². */
    public int numTokens() {
        return numPatches() / (merge * merge);
    }

    /** HF's {@code image_grid_thw} row. */
    public int[] gridThw() {
        return new int[] {gridT, gridH, gridW};
    }
}
