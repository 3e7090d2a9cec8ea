package vlmscope.model.qwen2vl;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import vlmscope.VlmscopeException;

/**
 * {@code vision_config} of either architecture, in one shape. Qwen2-VL names the ViT width {@code embed_dim}, its
 * MLP width {@code embed_dim * mlp_ratio} and the merger's output {@code hidden_size}; Qwen2.5-VL names them
 * {@code hidden_size}, {@code intermediate_size} and {@code out_hidden_size} and adds window attention.
 *
 * @param width               ViT residual width
 * @param mlpWidth            ViT MLP hidden width
 * @param outWidth            merger output width (= the decoder's hidden size)
 * @param windowSize          Qwen2.5-VL window side in pixels (0 for Qwen2-VL: every block attends over the image)
 * @param fullAttentionBlocks Qwen2.5-VL blocks that attend over the whole image (the others attend within windows)
 * @param tokensPerSecond     Qwen2.5-VL temporal position step per second of video
 */
public record QwenVisionConfig(int depth, int width, int mlpWidth, int numHeads, String hiddenAct, int inChannels,
                               int patchSize, int temporalPatchSize, int mergeSize, int outWidth, int windowSize,
                               int[] fullAttentionBlocks, int tokensPerSecond) {

    /** Qwen2.5-VL's window side in pixels (8×8 patches, 4×4 merged tokens), HF's default. */
    public static final int DEFAULT_WINDOW_SIZE = 112;

    static QwenVisionConfig parse(Path file, String arch, JsonNode v) {
        boolean qwen25 = arch.equals(Qwen2VLConfig.QWEN2_5_VL);
        int width = qwen25 ? v.path("hidden_size").asInt(3584) : v.path("embed_dim").asInt(1280);
        int heads = v.path("num_heads").asInt(16);
        int mlp = qwen25 ? v.path("intermediate_size").asInt(3420) : width * v.path("mlp_ratio").asInt(4);
        String act = v.path("hidden_act").asText(qwen25 ? "silu" : "quick_gelu");
        int merge = v.path("spatial_merge_size").asInt(2);
        int patch = v.path("patch_size").asInt(14);
        if (heads <= 0 || width % heads != 0 || (width / heads) % 4 != 0) {
            throw VlmscopeException.badInput(file, "vision_config: width " + width + " / num_heads " + heads
                    + " must give a head_dim divisible by 4 (2-D rotary)", "restore vision_config from the checkpoint");
        }
        int windowSize = qwen25 ? v.path("window_size").asInt(DEFAULT_WINDOW_SIZE) : 0;
        if (qwen25 && (windowSize % (merge * patch) != 0 || windowSize <= 0)) {
            throw VlmscopeException.badInput(file, "vision_config.window_size " + windowSize
                    + " is not a positive multiple of spatial_merge_size * patch_size = " + merge * patch,
                    "restore window_size from the checkpoint (" + DEFAULT_WINDOW_SIZE + " for Qwen2.5-VL)");
        }
        int[] full = qwen25 ? (v.has("fullatt_block_indexes") ? Qwen2VLConfig.ints(v.get("fullatt_block_indexes"))
                : new int[] {7, 15, 23, 31}) : new int[0];
        return new QwenVisionConfig(v.path("depth").asInt(32), width, mlp, heads, act, v.path("in_channels").asInt(3),
                patch, v.path("temporal_patch_size").asInt(2), merge,
                qwen25 ? v.path("out_hidden_size").asInt(3584) : v.path("hidden_size").asInt(3584),
                windowSize, full, v.path("tokens_per_second").asInt(qwen25 ? 4 : 1));
    }

    public int headDim() {
        return width / numHeads;
    }

    /** Window side in merged tokens (window_size / merge / patch), Qwen2.5-VL only. */
    public int windowInTokens() {
        return windowSize / mergeSize / patchSize;
    }

    public boolean attendsFully(int block) {
        if (windowSize == 0) return true;
        for (int b : fullAttentionBlocks) if (b == block) return true;
        return false;
    }
}
