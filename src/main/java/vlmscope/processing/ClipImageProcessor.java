package vlmscope.processing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vlmscope.Json;
import java.util.Locale;
import vlmscope.VlmscopeException;

/**
 * Hugging Face's {@code CLIPImageProcessor} (transformers v4.45) in pure Java, matching its {@code pixel_values}
 * to float32 rounding: convert to RGB; resize the short side to {@code size.shortest_edge} with the long side
 * {@code int(shortest_edge * long / short)} (or to a fixed {@code size.height x size.width}) using Pillow's
 * resampling on uint8; centre crop with top/left = {@code (size - crop) // 2}, zero-padding an image smaller than
 * the crop; rescale {@code uint8 * rescale_factor} in float64 then cast to float32; normalise
 * {@code (x - mean) / std} in float32; output CHW.
 *
 * <p>{@code do_convert_rgb} is always in effect: images are decoded to RGB before any other step.
 */
public final class ClipImageProcessor {

    private static final int DEFAULT_EDGE = 224;
    /** HF's {@code PILImageResampling.BICUBIC}. */
    private static final int DEFAULT_RESAMPLE = 3;

    private final boolean doResize;
    /** Target short side, or -1 when resizing to the fixed {@link #resizeHeight} x {@link #resizeWidth}. */
    private final int shortestEdge;
    private final int resizeHeight;
    private final int resizeWidth;
    private final PillowResize.Filter filter;
    private final boolean doCenterCrop;
    private final int cropHeight;
    private final int cropWidth;
    private final ImageNormalisation normalisation;

    private ClipImageProcessor(Path source, JsonNode config) {
        doResize = config.path("do_resize").asBoolean(true);
        JsonNode size = config.get("size");
        if (size == null || size.isNull()) {
            shortestEdge = DEFAULT_EDGE;
            resizeHeight = -1;
            resizeWidth = -1;
        } else if (size.isInt()) {
            shortestEdge = positive(source, "size", size.asInt());
            resizeHeight = -1;
            resizeWidth = -1;
        } else if (size.has("shortest_edge")) {
            shortestEdge = positive(source, "size.shortest_edge", size.get("shortest_edge").asInt());
            resizeHeight = -1;
            resizeWidth = -1;
        } else if (size.has("height") && size.has("width")) {
            shortestEdge = -1;
            resizeHeight = positive(source, "size.height", size.get("height").asInt());
            resizeWidth = positive(source, "size.width", size.get("width").asInt());
        } else {
            throw VlmscopeException.badInput(source, "\"size\" must contain \"shortest_edge\" or \"height\" and \"width\""
                    + " (found " + size + ")", "write e.g. \"size\": {\"shortest_edge\": 336}");
        }
        filter = filterFor(source, config.path("resample").asInt(DEFAULT_RESAMPLE));
        doCenterCrop = config.path("do_center_crop").asBoolean(true);
        JsonNode crop = config.get("crop_size");
        if (crop == null || crop.isNull()) {
            cropHeight = DEFAULT_EDGE;
            cropWidth = DEFAULT_EDGE;
        } else if (crop.isInt()) {
            cropHeight = positive(source, "crop_size", crop.asInt());
            cropWidth = cropHeight;
        } else if (crop.has("height") && crop.has("width")) {
            cropHeight = positive(source, "crop_size.height", crop.get("height").asInt());
            cropWidth = positive(source, "crop_size.width", crop.get("width").asInt());
        } else {
            throw VlmscopeException.badInput(source, "\"crop_size\" must contain \"height\" and \"width\" (found "
                    + crop + ")", "write e.g. \"crop_size\": {\"height\": 336, \"width\": 336}");
        }
        if (!doCenterCrop && !(doResize && shortestEdge < 0)) {
            throw VlmscopeException.badInput(source, "do_center_crop is false and the resize does not fix the output"
                    + " size, so pixel_values would vary per image",
                    "set \"do_center_crop\": true, or \"do_resize\": true with \"size\": {\"height\": H, \"width\": W}");
        }
        normalisation = ImageNormalisation.fromConfig(source, config);
    }

    /**
     * Reads {@code preprocessor_config.json} from a checkpoint folder; keys it lacks take
     * {@code CLIPImageProcessor}'s defaults (short side 224, crop 224, bicubic, rescale 1/255, CLIP mean/std).
     *
     * @throws VlmscopeException if the file is missing, not JSON, or asks for something unsupported
     */
    public static ClipImageProcessor fromPretrained(Path checkpointDir) {
        Path file = checkpointDir.resolve("preprocessor_config.json");
        if (!Files.isRegularFile(file)) {
            throw VlmscopeException.badInput(file, "preprocessor config not found",
                    "point at a Hugging Face checkpoint folder that contains preprocessor_config.json");
        }
        JsonNode config;
        try {
            config = Json.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw VlmscopeException.badInput(file, "not valid JSON" + where + ": " + e.getOriginalMessage(),
                    "restore the file from the checkpoint", e);
        } catch (IOException e) {
            throw VlmscopeException.badInput(file, "cannot be read: " + e.getMessage(),
                    "check the file's permissions", e);
        }
        if (config == null || !config.isObject()) {
            throw VlmscopeException.badInput(file, "expected a JSON object", "restore the file from the checkpoint");
        }
        return new ClipImageProcessor(file, config);
    }

    /** Height of the produced pixel grid: the crop height (or the fixed resize height when cropping is off). */
    public int cropHeight() {
        return doCenterCrop ? cropHeight : resizeHeight;
    }

    /** Width of the produced pixel grid: the crop width (or the fixed resize width when cropping is off). */
    public int cropWidth() {
        return doCenterCrop ? cropWidth : resizeWidth;
    }

    /**
     * HF {@code pixel_values} for one image.
     *
     * @return {@code [3, cropHeight(), cropWidth()]} CHW float32, RGB channel order
     */
    public float[] preprocess(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = ImageLoader.toRgb(image); // [H, W, 3]
        if (doResize) {
            int[] target = resizedHeightWidth(height, width);
            rgb = PillowResize.resize(rgb, width, height, 3, target[1], target[0], filter);
            height = target[0];
            width = target[1];
        }
        int outHeight = cropHeight();
        int outWidth = cropWidth();
        // Centre crop as HF: top/left by floor division; positions outside the image are zero padding.
        int top = doCenterCrop ? Math.floorDiv(height - outHeight, 2) : 0;
        int left = doCenterCrop ? Math.floorDiv(width - outWidth, 2) : 0;
        float[] pixels = new float[3 * outHeight * outWidth]; // [3, outH, outW] CHW
        for (int y = 0; y < outHeight; y++) {
            int sy = y + top;
            for (int x = 0; x < outWidth; x++) {
                int sx = x + left;
                boolean inside = sy >= 0 && sy < height && sx >= 0 && sx < width;
                for (int c = 0; c < 3; c++) {
                    int value = inside ? rgb[(sy * width + sx) * 3 + c] : 0;
                    pixels[(c * outHeight + y) * outWidth + x] = normalisation.apply(value, c);
                }
            }
        }
        return pixels;
    }

    /** HF's {@code get_resize_output_image_size}: {@code {height, width}} after the resize. */
    private int[] resizedHeightWidth(int height, int width) {
        if (shortestEdge < 0) {
            return new int[] {resizeHeight, resizeWidth};
        }
        int shortSide = Math.min(width, height);
        int longSide = Math.max(width, height);
        double newLong = (double) ((long) shortestEdge * longSide) / shortSide;
        if (newLong * shortestEdge > ImageLoader.maxPixels()) {
            throw new VlmscopeException(String.format(Locale.ROOT, "a %dx%d image is too elongated: resizing its short"
                    + " side to %d pixels gives %.0fx%d = %.0f pixels, over the limit of %,d. Fix: crop it to a less"
                    + " extreme aspect ratio (at most %d:1 here)", width, height, shortestEdge, newLong, shortestEdge,
                    newLong * shortestEdge, ImageLoader.maxPixels(), ImageLoader.maxPixels() / ((long) shortestEdge * shortestEdge)));
        }
        int longTarget = (int) newLong;
        return width <= height ? new int[] {longTarget, shortestEdge} : new int[] {shortestEdge, longTarget};
    }

    /** HF {@code PILImageResampling} codes → Pillow filters (NEAREST, code 0, is not supported). */
    private static PillowResize.Filter filterFor(Path source, int resample) {
        return switch (resample) {
            case 1 -> PillowResize.Filter.LANCZOS;
            case 2 -> PillowResize.Filter.BILINEAR;
            case 3 -> PillowResize.Filter.BICUBIC;
            case 4 -> PillowResize.Filter.BOX;
            case 5 -> PillowResize.Filter.HAMMING;
            default -> throw VlmscopeException.badInput(source, "unsupported \"resample\": " + resample,
                    "use 3 (bicubic, CLIP's default), 2 (bilinear), 1 (lanczos), 4 (box) or 5 (hamming)");
        };
    }

    private static int positive(Path source, String key, int value) {
        if (value < 1) {
            throw VlmscopeException.badInput(source, "\"" + key + "\" must be a positive integer (found " + value + ")",
                    "restore the value from the checkpoint");
        }
        return value;
    }
}
