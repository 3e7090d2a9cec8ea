package vlmscope.processing;

/**
 * Pillow's {@code Image.resize(size, filter)} for 8-bit images, bit-exact: a port of the separable antialiased
 * resampler in Pillow's {@code src/libImaging/Resample.c} ({@code ImagingResample}), which Hugging Face image
 * processors call through {@code PIL.Image.resize(..., reducing_gap=None)}.
 *
 * <p>Arithmetic, as in Pillow: per output pixel, filter weights over a support of
 * {@code filter.support * max(inSize / outSize, 1)} input pixels are computed in double, normalised to sum 1 and
 * rounded to fixed point with 22 fractional bits; each pass accumulates {@code uint8 * weight} in a 32-bit int
 * starting from one half and clips {@code acc >> 22} to [0, 255]. The horizontal pass runs first (on only the
 * rows the vertical pass reads), then the vertical pass; a pass whose axis keeps its size is skipped, and an
 * unchanged size copies the image.
 *
 * <p>Pixels are {@code int[]} of values 0..255, interleaved row-major {@code [H, W, C]}. Pillow's NEAREST filter
 * is a different code path and is not offered here.
 */
public final class PillowResize {

    /** Fixed-point fraction bits of the weights: 32 - 8 - 2, as Pillow's {@code PRECISION_BITS}. */
    private static final int PRECISION_BITS = 32 - 8 - 2;

    private PillowResize() {
    }

    /** Pillow's resampling filters with their support radius (Resample.c's filter table). */
    public enum Filter {
        BOX(0.5) {
            @Override
            double weight(double x) {
                return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
            }
        },
        BILINEAR(1.0) {
            @Override
            double weight(double x) {
                double ax = Math.abs(x);
                return ax < 1.0 ? 1.0 - ax : 0.0;
            }
        },
        HAMMING(1.0) {
            @Override
            double weight(double x) {
                double ax = Math.abs(x);
                if (ax == 0.0) {
                    return 1.0;
                }
                if (ax >= 1.0) {
                    return 0.0;
                }
                double px = ax * Math.PI;
                // Pillow writes the window constants as C floats (0.54f, 0.46f) promoted to double.
                return Math.sin(px) / px * ((double) 0.54f + (double) 0.46f * Math.cos(px));
            }
        },
        BICUBIC(2.0) {
            @Override
            double weight(double x) {
                final double a = -0.5;
                double ax = Math.abs(x);
                if (ax < 1.0) {
                    return ((a + 2.0) * ax - (a + 3.0)) * ax * ax + 1;
                }
                if (ax < 2.0) {
                    return (((ax - 5) * ax + 8) * ax - 4) * a;
                }
                return 0.0;
            }
        },
        LANCZOS(3.0) {
            @Override
            double weight(double x) {
                return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
            }
        };

        private final double support;

        Filter(double support) {
            this.support = support;
        }

        /** The filter kernel at offset {@code x} (in output-scaled input pixels). */
        abstract double weight(double x);

        private static double sinc(double x) {
            if (x == 0.0) {
                return 1.0;
            }
            double px = x * Math.PI;
            return Math.sin(px) / px;
        }
    }

    /**
     * Pillow's {@code Image.resize((newWidth, newHeight), BICUBIC)} of an interleaved RGB image.
     *
     * @param rgb {@code [height, width, 3]} values 0..255
     * @return {@code [newHeight, newWidth, 3]} values 0..255
     */
    public static int[] resizeBicubic(int[] rgb, int width, int height, int newWidth, int newHeight) {
        return resize(rgb, width, height, 3, newWidth, newHeight, Filter.BICUBIC);
    }

    /**
     * Pillow's {@code Image.resize((newWidth, newHeight), filter)} of an interleaved 8-bit image with any number
     * of independent channels (L = 1, RGB = 3). Like Pillow, the full image is the source box.
     *
     * @param pixels {@code [height, width, channels]} values 0..255
     * @return {@code [newHeight, newWidth, channels]} values 0..255; a copy of {@code pixels} if the size is unchanged
     */
    public static int[] resize(int[] pixels, int width, int height, int channels,
                               int newWidth, int newHeight, Filter filter) {
        if (width < 1 || height < 1 || channels < 1 || newWidth < 1 || newHeight < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + width + "x" + height + "x" + channels
                    + " -> " + newWidth + "x" + newHeight);
        }
        if (pixels.length != width * height * channels) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " values, expected "
                    + width + "*" + height + "*" + channels);
        }
        boolean needHorizontal = newWidth != width;
        boolean needVertical = newHeight != height;

        Coefficients vertical = Coefficients.of(height, newHeight, filter);
        int[] current = pixels; // [rows, currentWidth, C]
        int currentWidth = width;
        int rowOffset = 0;
        if (needHorizontal) {
            // Only rows the vertical pass reads are resampled horizontally (Pillow's ybox_first..ybox_last).
            int firstRow = vertical.start[0];
            int lastRow = vertical.start[newHeight - 1] + vertical.count[newHeight - 1];
            Coefficients horizontal = Coefficients.of(width, newWidth, filter);
            current = horizontalPass(pixels, width, channels, firstRow, lastRow - firstRow, horizontal);
            currentWidth = newWidth;
            rowOffset = firstRow;
        }
        if (needVertical) {
            return verticalPass(current, currentWidth, channels, rowOffset, vertical);
        }
        return current == pixels ? pixels.clone() : current;
    }

    /**
     * One output row (or column) per entry: the first input index, the number of taps, and the fixed-point
     * weights ({@code ksize} slots per output, Pillow's {@code precompute_coeffs} + {@code normalize_coeffs_8bpc}).
     */
    private record Coefficients(int[] start, int[] count, int[] weights, int ksize) {

        static Coefficients of(int inSize, int outSize, Filter filter) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filter.support * filterScale;
            int ksize = (int) Math.ceil(support) * 2 + 1;
            int[] start = new int[outSize];
            int[] count = new int[outSize];
            int[] weights = new int[outSize * ksize]; // [outSize, ksize]
            double[] k = new double[ksize];
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                double ss = 1.0 / filterScale;
                int xmin = Math.max((int) (center - support + 0.5), 0);
                int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
                double ww = 0.0;
                for (int x = 0; x < xmax; x++) {
                    double w = filter.weight((x + xmin - center + 0.5) * ss);
                    k[x] = w;
                    ww += w;
                }
                for (int x = 0; x < xmax; x++) {
                    double normalised = ww != 0.0 ? k[x] / ww : k[x];
                    weights[xx * ksize + x] = toFixedPoint(normalised);
                }
                start[xx] = xmin;
                count[xx] = xmax;
            }
            return new Coefficients(start, count, weights, ksize);
        }

        private static int toFixedPoint(double weight) {
            double scaled = weight * (1 << PRECISION_BITS);
            return weight < 0 ? (int) (-0.5 + scaled) : (int) (0.5 + scaled);
        }
    }

    /** Rows {@code firstRow .. firstRow+rows} of {@code in [*, width, C]} resampled to {@code [rows, outW, C]}. */
    private static int[] horizontalPass(int[] in, int width, int channels, int firstRow, int rows, Coefficients c) {
        int outWidth = c.start.length;
        int[] out = new int[rows * outWidth * channels];
        for (int yy = 0; yy < rows; yy++) {
            int inRow = (yy + firstRow) * width * channels;
            int outRow = yy * outWidth * channels;
            for (int xx = 0; xx < outWidth; xx++) {
                int xmin = c.start[xx];
                int taps = c.count[xx];
                int kBase = xx * c.ksize;
                for (int ch = 0; ch < channels; ch++) {
                    int acc = 1 << (PRECISION_BITS - 1);
                    for (int x = 0; x < taps; x++) {
                        acc += in[inRow + (x + xmin) * channels + ch] * c.weights[kBase + x];
                    }
                    out[outRow + xx * channels + ch] = clip8(acc);
                }
            }
        }
        return out;
    }

    /** {@code in [*, width, C]} (whose row 0 is source row {@code rowOffset}) resampled to {@code [outH, width, C]}. */
    private static int[] verticalPass(int[] in, int width, int channels, int rowOffset, Coefficients c) {
        int outHeight = c.start.length;
        int rowLength = width * channels;
        int[] out = new int[outHeight * rowLength];
        for (int yy = 0; yy < outHeight; yy++) {
            int ymin = c.start[yy] - rowOffset;
            int taps = c.count[yy];
            int kBase = yy * c.ksize;
            int outRow = yy * rowLength;
            for (int i = 0; i < rowLength; i++) {
                int acc = 1 << (PRECISION_BITS - 1);
                for (int y = 0; y < taps; y++) {
                    acc += in[(y + ymin) * rowLength + i] * c.weights[kBase + y];
                }
                out[outRow + i] = clip8(acc);
            }
        }
        return out;
    }

    /** Pillow's {@code clip8}: the accumulator's integer part clamped to a byte. */
    private static int clip8(int acc) {
        int value = acc >> PRECISION_BITS;
        return value < 0 ? 0 : Math.min(value, 255);
    }
}
