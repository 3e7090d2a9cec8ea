package vlmscope.model.qwen2vl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import vlmscope.VlmscopeException;
import vlmscope.hooks.Hooks;
import vlmscope.hooks.Sites;
import vlmscope.model.Checkpoint;
import vlmscope.model.DecoderModel;
import vlmscope.model.ImageRows;
import vlmscope.model.LoadOptions;
import vlmscope.model.PositionIds;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * HF's Qwen2VLForConditionalGeneration ({@code qwen2_vl}) and Qwen2_5_VLForConditionalGeneration
 * ({@code qwen2_5_vl}): each image through the {@link QwenVisionTower} and its merger, the image tokens replace the
 * {@code <|image_pad|>} rows in order (HF's masked_scatter), {@link RopeIndex} gives the 3-D M-RoPE positions, the
 * {@link Qwen2Decoder} runs the blocks. Images travel through the engine as {@link QwenPixels#packed()} arrays.
 */
public final class Qwen2VLModel extends DecoderModel {

    /** Side of the square image the synthetic world renders for this family: 16 x 16 patches, 8 x 8 image tokens. */
    static final int NOMINAL_IMAGE_SIDE = 224;

    private final Qwen2VLConfig config;
    private final QwenWeights weights;
    private final QwenVisionTower vision;
    private final Qwen2Decoder decoder;
    private final RopeIndex ropeIndex;

    private Qwen2VLModel(Path dir, Qwen2VLConfig config, LoadOptions options) {
        super(dir, options);
        this.config = config;
        QwenWeights w = null;
        try {
            w = new QwenWeights(dir, manager(), compute());
            this.vision = new QwenVisionTower(config, w);
            this.decoder = new Qwen2Decoder(config.text(), w, manager());
        } catch (RuntimeException e) {
            throw failedLoad(w, e);
        }
        this.weights = w;
        this.ropeIndex = new RopeIndex(config);
    }

    /** Loads a Qwen2-VL / Qwen2.5-VL checkpoint (config.json + safetensors) with {@code options}. */
    public static Qwen2VLModel load(Checkpoint checkpoint, LoadOptions options) {
        Qwen2VLConfig config = Qwen2VLConfig.parse(checkpoint.configFile(), checkpoint.config());
        return new Qwen2VLModel(checkpoint.directory(), config, options);
    }

    public Qwen2VLConfig config() {
        return config;
    }

    @Override
    public String modelType() {
        return config.arch();
    }

    @Override
    public int numVisionLayers() {
        return vision.depth();
    }

    @Override
    public int visionHiddenSize() {
        return config.vision().width();
    }

    /** Qwen takes any image size (the processor resizes by smart_resize); this is the side synthetic scenes use. */
    @Override
    public int imageSize() {
        return NOMINAL_IMAGE_SIDE;
    }

    @Override
    public int patchGridSize() {
        return NOMINAL_IMAGE_SIDE / config.vision().patchSize();
    }

    /** Image tokens of a {@link #imageSize()}-square image; other sizes give other counts. */
    @Override
    public int imageRowsPerImage() {
        int merged = patchGridSize() / config.vision().mergeSize();
        return merged * merged;
    }

    @Override
    public int[] imagePositions(int[] ids) {
        return ImageRows.slots(ids, config.imageTokenId());
    }

    /** HF's get_rope_index over the prompt and its images' grids: 3 axes (time, height, width). */
    @Override
    public PositionIds positions(int[] ids, List<float[]> images) {
        List<RopeIndex.Grid> grids = new ArrayList<>();
        for (float[] packed : images) grids.add(RopeIndex.Grid.of(pixels(packed).gridThw()));
        return new PositionIds(0, ropeIndex.compute(ids, grids, List.of(), null).rows());
    }

    @Override
    public NDArray encodeImages(List<float[]> pixels, Hooks hooks, NDManager owner) {
        List<NDArray> parts = new ArrayList<>();
        int patchOffset = 0;
        int tokenOffset = 0;
        for (float[] packed : pixels) {
            QwenPixels px = pixels(packed);
            parts.add(vision.forward(px, patchOffset, tokenOffset, hooks, owner));    // [n_i, d]
            patchOffset += px.numPatches();
            tokenOffset += px.numTokens();
        }
        return ImageRows.concat(parts, owner);                                       // [n, d]
    }

    /** Token embeddings with the image tokens written, in order, over the {@code <|image_pad|>} rows; visits {@code embed}. */
    @Override
    public NDArray embed(int[] ids, NDArray imageFeatures, Hooks hooks, NDManager owner) {
        int[] slots = imagePositions(ids);
        long featureRows = imageFeatures == null ? 0 : imageFeatures.getShape().get(0);
        if (slots.length != featureRows) {
            throw new VlmscopeException("the prompt has " + slots.length + " <|image_pad|> tokens (id " + config.imageTokenId()
                    + ") but the images give " + featureRows + " image tokens. Fix: expand each image's placeholder to "
                    + "(h*w)/merge^2 tokens of its grid, one <|vision_start|><|image_pad|><|vision_end|> per image");
        }
        NDArray x = embedText(ids, owner);                   // [T, d]
        return hooks.visit(Sites.EMBED, ImageRows.scatter(x, slots, imageFeatures, owner), 0);
    }

    private QwenPixels pixels(float[] packed) {
        return QwenPixels.unpack(packed, config.vision().mergeSize());
    }


    @Override
    protected Qwen2Decoder decoder() {
        return decoder;
    }

    @Override
    protected void closeWeights() {
        weights.close();
    }
}
