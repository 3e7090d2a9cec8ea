package vlmscope.model.qwen2vl;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import vlmscope.VlmscopeException;
import vlmscope.model.Checkpoint;

/**
 * config.json of a Qwen2-VL ({@code model_type} "qwen2_vl") or Qwen2.5-VL ("qwen2_5_vl") checkpoint: the Qwen2
 * decoder's keys at the top level, the vision tower's under {@code vision_config}, HF's defaults for absent keys.
 *
 * @param arch               "qwen2_vl" or "qwen2_5_vl"
 * @param text               the Qwen2 decoder
 * @param vision             the vision tower and its merger
 * @param imageTokenId       {@code <|image_pad|>}
 * @param videoTokenId       {@code <|video_pad|>}
 * @param visionStartTokenId {@code <|vision_start|>}
 */
public record Qwen2VLConfig(String arch, QwenTextConfig text, QwenVisionConfig vision, int imageTokenId,
                            int videoTokenId, int visionStartTokenId) {

    public static final String QWEN2_VL = "qwen2_vl";
    public static final String QWEN2_5_VL = "qwen2_5_vl";
    /** HF's defaults for the special tokens' ids: those of Qwen2's tokenizer. */
    public static final int DEFAULT_IMAGE_TOKEN_ID = 151655;
    public static final int DEFAULT_VIDEO_TOKEN_ID = 151656;
    public static final int DEFAULT_VISION_START_TOKEN_ID = 151652;

    public boolean isQwen25() {
        return arch.equals(QWEN2_5_VL);
    }

    /** Reads {@code dir/config.json}; any value vlmscope cannot run is one {@link VlmscopeException} naming it. */
    public static Qwen2VLConfig fromPretrained(Path dir) {
        Checkpoint checkpoint = Checkpoint.open(dir);
        return parse(checkpoint.configFile(), checkpoint.config());
    }

    static Qwen2VLConfig parse(Path file, JsonNode c) {
        String arch = c.path("model_type").asText("");
        if (!arch.equals(QWEN2_VL) && !arch.equals(QWEN2_5_VL)) {
            throw VlmscopeException.badInput(file, "model_type '" + arch + "' is not a Qwen2-VL family model",
                    "use a checkpoint whose model_type is qwen2_vl or qwen2_5_vl");
        }
        return new Qwen2VLConfig(arch, QwenTextConfig.parse(file, c), QwenVisionConfig.parse(file, arch, c.path("vision_config")),
                c.path("image_token_id").asInt(DEFAULT_IMAGE_TOKEN_ID), c.path("video_token_id").asInt(DEFAULT_VIDEO_TOKEN_ID),
                c.path("vision_start_token_id").asInt(DEFAULT_VISION_START_TOKEN_ID));
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }
}
