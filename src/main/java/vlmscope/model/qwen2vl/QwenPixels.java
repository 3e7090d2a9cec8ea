package vlmscope.model.qwen2vl;

/**
 * One image as Qwen2-VL's vision tower reads it: HF's {@code pixel_values} rows and {@code image_grid_thw}.
 * The engine carries one float array per image ({@code Inputs.images()}); this family's array is
 * {@link #packed()}: the grid (t, h, w) in its first three entries, then {@link #values}.
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

    /** Entries of {@link #packed()} before the patch rows: gridT, gridH, gridW. */
    public static final int HEADER = 3;

    /** The engine's per-image float array: [3 + N * C * T * P * P] = (gridT, gridH, gridW, values...). */
    public float[] packed() {
        float[] out = new float[HEADER + values.length];
        out[0] = gridT;
        out[1] = gridH;
        out[2] = gridW;
        System.arraycopy(values, 0, out, HEADER, values.length);
        return out;
    }

    /** The inverse of {@link #packed()}; {@code merge} is the tower's spatial merge size. */
    public static QwenPixels unpack(float[] packed, int merge) {
        if (packed.length <= HEADER) throw new IllegalArgumentException("a packed Qwen image needs its grid and pixel rows");
        int t = (int) packed[0];
        int h = (int) packed[1];
        int w = (int) packed[2];
        long patches = (long) t * h * w;
        if (t < 1 || h < 1 || w < 1 || (packed.length - HEADER) % patches != 0) {
            throw new IllegalArgumentException("a packed Qwen image of grid " + t + "x" + h + "x" + w + " has "
                    + (packed.length - HEADER) + " pixel values, not a multiple of its " + patches + " patches");
        }
        return new QwenPixels(java.util.Arrays.copyOfRange(packed, HEADER, packed.length), t, h, w, merge);
    }
}
