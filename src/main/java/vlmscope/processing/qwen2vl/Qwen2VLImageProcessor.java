package vlmscope.processing.qwen2vl;

import vlmscope.processing.ImageNormalisation;

import vlmscope.model.qwen2vl.QwenPixels;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vlmscope.VlmscopeException;
import vlmscope.processing.ImageLoader;
import vlmscope.processing.PillowResize;

/**
 * Hugging Face's {@code Qwen2VLImageProcessor} (transformers v4.45 .. v4.50, shared by Qwen2.5-VL) for one image:
 * convert to RGB; {@link #smartResize} to multiples of {@code patch_size * merge_size} within
 * [{@code min_pixels}, {@code max_pixels}]; Pillow bicubic resize on uint8; rescale ({@code uint8 * factor} in
 * float64, cast to float32); normalise {@code (x - mean) / std} in float32; repeat the frame
 * {@code temporal_patch_size} times (a video pairs consecutive frames instead); flatten into patch rows that keep each
 * merge window's patches together.
 *
 * @param source            the {@code preprocessor_config.json} it was read from, named in errors
 * @param patchSize         side of a ViT patch in pixels ({@code patch_size})
 * @param temporalPatchSize frames per temporal patch ({@code temporal_patch_size})
 * @param mergeSize         side of the patch merger's window in patches ({@code merge_size})
 * @param minPixels         smart_resize's lower bound on the resized area
 * @param maxPixels         smart_resize's upper bound on the resized area
 * @param doResize          whether images are smart-resized ({@code do_resize})
 * @param normalisation     the rescale factor, mean and std applied to every pixel
 */
public record Qwen2VLImageProcessor(Path source, int patchSize, int temporalPatchSize, int mergeSize, long minPixels,
                                    long maxPixels, boolean doResize, ImageNormalisation normalisation) {

    public Qwen2VLImageProcessor {
        if (minPixels > maxPixels) {
            throw VlmscopeException.badInput(source, "min_pixels " + minPixels + " exceeds max_pixels " + maxPixels,
                    "set min_pixels <= max_pixels");
        }
        long factor = (long) patchSize * mergeSize;
        if (maxPixels < factor * factor) {
            throw VlmscopeException.badInput(source, "max_pixels " + maxPixels + " is below one "
                    + factor + "x" + factor + " merge window, so an image would give no token",
                    "set max_pixels to at least " + factor * factor);
        }
    }

    /** The processor of the preprocessor_config.json object {@code c} read from {@code source} (keys it lacks take HF's defaults). */
    private static Qwen2VLImageProcessor fromConfig(Path source, JsonNode c) {
        int patch = positive(source, c, "patch_size", 14);
        int temporalPatch = positive(source, c, "temporal_patch_size", 2);
        int merge = positive(source, c, "merge_size", 2);
        JsonNode size = c.path("size");
        long minPixels = c.has("min_pixels") ? c.get("min_pixels").asLong() : size.path("min_pixels").asLong(56 * 56);
        long maxPixels = c.has("max_pixels") ? c.get("max_pixels").asLong()
                : size.path("max_pixels").asLong(28L * 28 * 1280);
        boolean doResize = c.path("do_resize").asBoolean(true);
        ImageNormalisation normalisation = ImageNormalisation.fromConfig(source, c);
        if (c.path("resample").asInt(3) != 3) {
            throw VlmscopeException.badInput(source, "\"resample\" " + c.get("resample") + " is not supported",
                    "use 3 (bicubic), the value every Qwen2-VL checkpoint ships");
        }
        return new Qwen2VLImageProcessor(source, patch, temporalPatch, merge, minPixels, maxPixels, doResize, normalisation);
    }

    /** Reads {@code preprocessor_config.json} of a checkpoint folder (keys it lacks take HF's defaults). */
    public static Qwen2VLImageProcessor fromPretrained(Path checkpointDir) {
        Path file = checkpointDir.resolve("preprocessor_config.json");
        if (!Files.isRegularFile(file)) {
            throw VlmscopeException.badInput(file, "preprocessor config not found",
                    "point at a Qwen2-VL checkpoint folder that contains preprocessor_config.json");
        }
        try {
            JsonNode node = new ObjectMapper().readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw VlmscopeException.badInput(file, "expected a JSON object", "restore the file from the checkpoint");
            }
            return fromConfig(file, node);
        } catch (IOException e) {
            throw VlmscopeException.badInput(file, "cannot be read as JSON: " + e.getMessage().lines().findFirst().orElse(""),
                    "restore the file from the checkpoint", e);
        }
    }

    /**
     * HF's {@code smart_resize}: both sides rounded (half to even, as Python's round) to multiples of
     * factor = patch · merge; scaled down by sqrt(h·w / max_pixels) (floor) or up by sqrt(min_pixels / (h·w))
     * (ceil) when the rounded area leaves [min_pixels, max_pixels].
     *
     * @return {height, width}
     */
    public int[] smartResize(int height, int width) {
        int factor = patchSize * mergeSize;
        if (height < factor || width < factor) {
            throw VlmscopeException.badInput(source, "image " + width + "x" + height + " is smaller than one "
                    + factor + "x" + factor + " merge window", "use an image at least " + factor + " pixels on each side");
        }
        if ((double) Math.max(height, width) / Math.min(height, width) > 200) {
            throw VlmscopeException.badInput(source, "image " + width + "x" + height + " has an aspect ratio above 200",
                    "crop the image to a less extreme shape");
        }
        long hBar = Math.round(Math.rint((double) height / factor)) * factor;
        long wBar = Math.round(Math.rint((double) width / factor)) * factor;
        if (hBar * wBar > maxPixels) {
            double beta = Math.sqrt((double) height * width / maxPixels);
            hBar = (long) Math.floor(height / beta / factor) * factor;
            wBar = (long) Math.floor(width / beta / factor) * factor;
        } else if (hBar * wBar < minPixels) {
            double beta = Math.sqrt(minPixels / ((double) height * width));
            hBar = (long) Math.ceil(height * beta / factor) * factor;
            wBar = (long) Math.ceil(width * beta / factor) * factor;
        }
        if (hBar < factor || wBar < factor) {
            throw VlmscopeException.badInput(source, "min_pixels " + minPixels + " / max_pixels " + maxPixels
                    + " resize the " + width + "x" + height + " image to " + wBar + "x" + hBar + ", which holds no "
                    + factor + "x" + factor + " merge window (no image token)",
                    "raise max_pixels or use a less elongated image");
        }
        return new int[] {(int) hBar, (int) wBar};
    }

    /** HF's {@code pixel_values} and {@code image_grid_thw} for one image (repeated temporal_patch_size times). */
    public QwenPixels preprocess(BufferedImage image) {
        return patches(List.of(image), 1);
    }

    /**
     * HF's {@code pixel_values_videos} and {@code video_grid_thw} for one video: every frame resized to the
     * smart_resize of the first frame's size, consecutive frames paired into temporal patches.
     */
    public QwenPixels preprocessVideo(List<BufferedImage> frames) {
        if (frames.isEmpty() || frames.size() % temporalPatchSize != 0) {
            throw new VlmscopeException("a video of " + frames.size() + " frames does not divide into temporal patches of "
                    + temporalPatchSize + " frames. Fix: sample a multiple of " + temporalPatchSize + " frames");
        }
        return patches(frames, frames.size() / temporalPatchSize);
    }

    private QwenPixels patches(List<BufferedImage> frames, int gridT) {
        int width = frames.get(0).getWidth();
        int height = frames.get(0).getHeight();
        int[] target = doResize ? smartResize(height, width) : new int[] {height, width};
        if (target[0] % (patchSize * mergeSize) != 0 || target[1] % (patchSize * mergeSize) != 0) {
            throw VlmscopeException.badInput(source, "image size " + width + "x" + height + " does not divide into "
                    + mergeSize + "x" + mergeSize + " windows of " + patchSize + "-pixel patches", "enable do_resize");
        }
        List<int[]> rgbFrames = new ArrayList<>(); // each [H', W', 3] at the target size
        for (BufferedImage frame : frames) {
            int[] rgb = ImageLoader.toRgb(frame); // [H, W, 3]
            if (frame.getWidth() != target[1] || frame.getHeight() != target[0]) {
                rgb = PillowResize.resize(rgb, frame.getWidth(), frame.getHeight(), 3, target[1], target[0],
                        PillowResize.Filter.BICUBIC);
            }
            rgbFrames.add(rgb);
        }
        int gridH = target[0] / patchSize;
        int gridW = target[1] / patchSize;
        int rowLength = 3 * temporalPatchSize * patchSize * patchSize;
        float[] out = new float[gridT * gridH * gridW * rowLength]; // [gridT * gridH * gridW, 3 * T * P * P]
        int row = 0;
        for (int t = 0; t < gridT; t++) {
            for (int hb = 0; hb < gridH / mergeSize; hb++) {
                for (int wb = 0; wb < gridW / mergeSize; wb++) {
                    for (int hm = 0; hm < mergeSize; hm++) {
                        for (int wm = 0; wm < mergeSize; wm++) {
                            int y0 = (hb * mergeSize + hm) * patchSize;
                            int x0 = (wb * mergeSize + wm) * patchSize;
                            writePatch(rgbFrames, t, target[1], y0, x0, out, row * rowLength);
                            row++;
                        }
                    }
                }
            }
        }
        return new QwenPixels(out, gridT, gridH, gridW, mergeSize);
    }

    /**
     * One patch row: channel, then the frame within the temporal patch, then y, then x. A single image stands for
     * every frame of its temporal patch (HF tiles it temporal_patch_size times).
     */
    private void writePatch(List<int[]> frames, int t, int width, int y0, int x0, float[] out, int offset) {
        int i = offset;
        for (int c = 0; c < 3; c++) {
            for (int tp = 0; tp < temporalPatchSize; tp++) {
                int[] rgb = frames.get(frames.size() == 1 ? 0 : t * temporalPatchSize + tp);
                for (int y = 0; y < patchSize; y++) {
                    for (int x = 0; x < patchSize; x++) {
                        out[i++] = normalisation.apply(rgb[((y0 + y) * width + x0 + x) * 3 + c], c);
                    }
                }
            }
        }
    }

    private static int positive(Path source, JsonNode c, String key, int fallback) {
        int v = c.path(key).asInt(fallback);
        if (v < 1) {
            throw VlmscopeException.badInput(source, "\"" + key + "\" must be a positive integer (found " + c.get(key) + ")",
                    "restore the value from the checkpoint");
        }
        return v;
    }
}
