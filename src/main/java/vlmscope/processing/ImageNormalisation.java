package vlmscope.processing;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.VlmscopeException;

import java.nio.file.Path;

/**
 * HF's rescale then normalise step of an image processor, as {@code preprocessor_config.json} sets it:
 * {@code do_rescale}, {@code rescale_factor}, {@code do_normalize}, {@code image_mean}, {@code image_std};
 * absent keys take the defaults of CLIP-style processors (rescale 1/255, OpenAI CLIP mean/std).
 *
 * @param mean [3] per-channel mean as float32 (HF casts mean/std to the image dtype)
 * @param std  [3] per-channel standard deviation as float32
 */
public record ImageNormalisation(boolean doRescale, double rescaleFactor, boolean doNormalize, float[] mean, float[] std) {

    /** OpenAI CLIP's per-channel mean (HF {@code OPENAI_CLIP_MEAN}). */
    private static final double[] CLIP_MEAN = {0.48145466, 0.4578275, 0.40821073};
    /** OpenAI CLIP's per-channel standard deviation (HF {@code OPENAI_CLIP_STD}). */
    private static final double[] CLIP_STD = {0.26862954, 0.26130258, 0.27577711};

    /** @param source the file {@code config} came from, named in errors */
    public static ImageNormalisation fromConfig(Path source, JsonNode config) {
        return new ImageNormalisation(
                config.path("do_rescale").asBoolean(true),
                config.path("rescale_factor").asDouble(1.0 / 255),
                config.path("do_normalize").asBoolean(true),
                perChannel(source, "image_mean", config.get("image_mean"), CLIP_MEAN),
                perChannel(source, "image_std", config.get("image_std"), CLIP_STD));
    }

    /** HF's rescale (float64 product cast to float32) then normalise (float32 arithmetic). */
    public float apply(int value, int channel) {
        float x = doRescale ? (float) (value * rescaleFactor) : value;
        return doNormalize ? (x - mean[channel]) / std[channel] : x;
    }

    /** A per-channel statistic as float32; a single number applies to all three channels. */
    private static float[] perChannel(Path source, String key, JsonNode node, double[] defaults) {
        float[] values = new float[3]; // [3]
        for (int c = 0; c < 3; c++) {
            if (node == null || node.isNull()) {
                values[c] = (float) defaults[c];
            } else if (node.isNumber()) {
                values[c] = (float) node.asDouble();
            } else if (node.isArray() && node.size() == 3 && allNumbers(node)) {
                values[c] = (float) node.get(c).asDouble();
            } else {
                throw VlmscopeException.badInput(source, "\"" + key + "\" must be 3 numbers (found " + node + ")",
                        "write one value per RGB channel, e.g. [0.48145466, 0.4578275, 0.40821073]");
            }
        }
        return values;
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isNumber()) return false;
        }
        return true;
    }
}
