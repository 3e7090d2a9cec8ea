package vlmscope.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.Json;
import vlmscope.VlmscopeException;
import vlmscope.engine.Inputs;
import vlmscope.model.qwen2vl.Qwen2VLConfig;
import vlmscope.model.qwen2vl.QwenPixels;
import vlmscope.model.qwen2vl.QwenVisionConfig;
import vlmscope.processing.Tokenizer;
import vlmscope.processing.qwen2vl.Qwen2VLImageProcessor;
import vlmscope.processing.qwen2vl.QwenImagePads;
import vlmscope.tensor.DType;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The shape of a synthetic Qwen2.5-VL checkpoint (HF Qwen2_5_VLForConditionalGeneration layout): a Qwen2 decoder
 * of the given size (GQA, q/k/v biases, M-RoPE, lm_head tied to the embedding as in Qwen2.5-VL-3B) behind a small
 * Qwen2.5-VL vision tower (RMSNorm blocks, gated SiLU MLP, window attention with the last block attending over the
 * whole image, 2×2 patch merger), so decoder parameters dominate. A square image of {@code imageSize} pixels gives
 * (imageSize / patchSize / 2)² image tokens: 256 at 448 px.
 *
 * @param tokenizerSource a Qwen2 checkpoint folder whose tokenizer.json (with {@code <|vision_start|>},
 *                        {@code <|image_pad|>}, {@code <|vision_end|>}) the random checkpoint reuses
 */
public record QwenShape(int hidden, int layers, int heads, int kvHeads, int intermediate, int vocab,
                        int visionHidden, int visionLayers, int imageSize, int patchSize, Path tokenizerSource)
        implements BenchShape {

    /** Qwen2-VL's spatial merge: 2×2 patches become one decoder token. */
    static final int MERGE = 2;
    static final int VISION_END_TOKEN_ID = 151653;
    /** Ids below this are ordinary byte-level BPE pieces in Qwen2's vocabulary; the special tokens follow. */
    static final int FIRST_SPECIAL_ID = 151643;

    public QwenShape {
        int factor = patchSize * MERGE;
        if (imageSize < factor || imageSize % factor != 0) {
            throw new VlmscopeException("--image-size " + imageSize + " is not a multiple of patch * merge = " + factor
                    + ", so smart_resize would change it. Fix: use a multiple of " + factor + " (e.g. 448)");
        }
        if (vocab <= VISION_END_TOKEN_ID + 4) {
            throw new VlmscopeException("--vocab " + vocab + " leaves out Qwen2's special tokens (<|image_pad|> is id "
                    + Qwen2VLConfig.DEFAULT_IMAGE_TOKEN_ID + "). Fix: use the real vocabulary size, 151936");
        }
        if (visionLayers < 2) {
            throw new VlmscopeException("--vision-layers " + visionLayers + " gives no window-attention block. Fix: use at "
                    + "least 2 (every block but the last attends within windows)");
        }
    }

    @Override
    public String arch() {
        return "qwen2_5_vl";
    }

    @Override
    public int imageTokens() {
        int side = imageSize / patchSize / MERGE;
        return side * side;
    }

    /** q/k/v with biases, o, gate/up/down, two RMSNorms. */
    @Override
    public long blockParams() {
        long kv = kvWidth();
        return (long) hidden * hidden * 2 + 2L * hidden * kv + 3L * hidden * intermediate + hidden + 2L * kv + 2L * hidden;
    }

    /** Blocks, the embedding (also the lm_head: tied) and the final norm. */
    @Override
    public long decoderParams() {
        return layers * blockParams() + (long) vocab * hidden + hidden;
    }

    /** HF's split of head_dim / 2 rotary pairs over (time, height, width): [16, 24, 24] for head_dim 128. */
    int[] mropeSection() {
        int half = headDim() / 2;
        int t = half / 4;
        int h = (half - t) / 2;
        return new int[] {t, h, half - t - h};
    }

    /** Vision heads of 64 channels (at least one): head_dim must divide by 4 for the 2-D rotary. */
    int visionHeads() {
        return Math.max(1, visionHidden / 64);
    }

    @Override
    public void ensureCheckpoint(Path dir, DType dtype, long seed) {
        QwenRandomCheckpoint.ensure(dir, this, dtype, seed);
    }

    /**
     * The image block {@code <|vision_start|><|image_pad|><|vision_end|>} expanded and tokenised by the checkpoint's
     * processor and tokenizer for a random-noise square image, then random ordinary text ids.
     */
    @Override
    public Inputs inputs(Path checkpointDir, int textTokens) {
        SplittableRandom r = new SplittableRandom(5);
        BufferedImage image = new BufferedImage(imageSize, imageSize, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < imageSize; y++) {
            for (int x = 0; x < imageSize; x++) image.setRGB(x, y, r.nextInt(1 << 24));
        }
        QwenPixels pixels = Qwen2VLImageProcessor.fromPretrained(checkpointDir).preprocess(image);
        String block = "<|vision_start|>" + QwenImagePads.IMAGE_PAD + "<|vision_end|>";
        int[] imageIds;
        try (Tokenizer tokenizer = Tokenizer.fromPretrained(checkpointDir)) {
            imageIds = tokenizer.encode(QwenImagePads.expand(block, List.of(pixels)), false).ids();
        }
        if (imageIds.length != imageTokens() + 2 || imageIds[0] != Qwen2VLConfig.DEFAULT_VISION_START_TOKEN_ID
                || imageIds[1] != Qwen2VLConfig.DEFAULT_IMAGE_TOKEN_ID) {
            throw new IllegalStateException("the image block tokenised to " + imageIds.length + " ids, expected "
                    + (imageTokens() + 2) + " starting with <|vision_start|> <|image_pad|>");
        }
        int[] ids = new int[imageIds.length + textTokens];
        System.arraycopy(imageIds, 0, ids, 0, imageIds.length);
        for (int i = imageIds.length; i < ids.length; i++) ids[i] = r.nextInt(FIRST_SPECIAL_ID);
        return new Inputs(ids, List.of(pixels.packed()));
    }

    /** config.json in the form of a hub Qwen2.5-VL checkpoint (transformers 4.49+). */
    ObjectNode config() {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.putArray("architectures").add("Qwen2_5_VLForConditionalGeneration");
        c.put("model_type", arch());
        c.put("vocab_size", vocab);
        c.put("hidden_size", hidden);
        c.put("intermediate_size", intermediate);
        c.put("num_hidden_layers", layers);
        c.put("num_attention_heads", heads);
        c.put("num_key_value_heads", kvHeads);
        c.put("hidden_act", "silu");
        c.put("rms_norm_eps", 1e-6);
        c.put("max_position_embeddings", 128000);
        c.put("rope_theta", 1000000.0);
        ObjectNode rope = c.putObject("rope_scaling");
        rope.put("type", "mrope");
        ArrayNode section = rope.putArray("mrope_section");
        for (int s : mropeSection()) section.add(s);
        c.put("tie_word_embeddings", true);
        c.put("use_sliding_window", false);
        c.put("sliding_window", 32768);
        c.put("max_window_layers", layers);
        c.put("attention_dropout", 0.0);
        c.put("bos_token_id", FIRST_SPECIAL_ID);
        c.put("eos_token_id", 151645);
        c.put("vision_start_token_id", Qwen2VLConfig.DEFAULT_VISION_START_TOKEN_ID);
        c.put("vision_end_token_id", VISION_END_TOKEN_ID);
        c.put("vision_token_id", 151654);
        c.put("image_token_id", Qwen2VLConfig.DEFAULT_IMAGE_TOKEN_ID);
        c.put("video_token_id", Qwen2VLConfig.DEFAULT_VIDEO_TOKEN_ID);
        c.put("torch_dtype", "bfloat16");
        ObjectNode v = c.putObject("vision_config");
        v.put("depth", visionLayers);
        v.put("hidden_size", visionHidden);
        v.put("intermediate_size", visionHidden * 4);
        v.put("num_heads", visionHeads());
        v.put("hidden_act", "silu");
        v.put("in_channels", 3);
        v.put("in_chans", 3);
        v.put("patch_size", patchSize);
        v.put("spatial_merge_size", MERGE);
        v.put("temporal_patch_size", 2);
        v.put("tokens_per_second", 2);
        v.put("window_size", QwenVisionConfig.DEFAULT_WINDOW_SIZE);
        v.put("out_hidden_size", hidden);
        v.putArray("fullatt_block_indexes").add(visionLayers - 1);
        return c;
    }

    /** preprocessor_config.json of the hub Qwen2.5-VL checkpoints. */
    ObjectNode preprocessorConfig() {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("min_pixels", 3136);
        p.put("max_pixels", 12845056);
        p.put("patch_size", patchSize);
        p.put("temporal_patch_size", 2);
        p.put("merge_size", MERGE);
        p.putArray("image_mean").add(0.48145466).add(0.4578275).add(0.40821073);
        p.putArray("image_std").add(0.26862954).add(0.26130258).add(0.27577711);
        p.put("image_processor_type", "Qwen2VLImageProcessor");
        p.put("processor_class", "Qwen2_5_VLProcessor");
        return p;
    }
}
