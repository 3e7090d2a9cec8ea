package vlmscope.model.llava;

import vlmscope.model.Checkpoint;
import vlmscope.model.Compute;
import vlmscope.model.DecoderModel;
import vlmscope.model.ImageRows;
import vlmscope.model.KvCache;
import vlmscope.model.LlamaDecoder;
import vlmscope.model.LoadOptions;
import vlmscope.model.PositionIds;
import vlmscope.model.SuffixRun;
import vlmscope.model.Scopes;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import vlmscope.VlmscopeException;
import vlmscope.hooks.Hooks;
import vlmscope.hooks.Sites;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * HF's LlavaForConditionalGeneration (model_type {@code llava}): {@link ClipVisionTower} → {@link LlavaProjector}
 * → image features scattered into the {@code <image>} token rows → {@link LlamaDecoder}.
 * Weights stay memory-mapped from the checkpoint (fp32) until {@link #close()}.
 */
public final class LlavaModel extends DecoderModel {

    private final LlavaConfig config;
    private final ModelWeights weights;
    private final ClipVisionTower vision;
    private final LlavaProjector projector;
    private final LlamaDecoder decoder;

    private LlavaModel(Path dir, LlavaConfig config, LoadOptions options) {
        super(dir, options);
        this.config = config;
        Compute compute = compute();
        ModelWeights w = null;
        try {
            w = new ModelWeights(dir, compute, manager(), options.residency());
            this.vision = new ClipVisionTower(config, w, compute);
            this.projector = new LlavaProjector(config, w, compute);
            this.decoder = new LlamaDecoder(config.text(), w, compute, manager());
            w.requireAllUsed();
            w.releaseMappingIfCopied();
        } catch (RuntimeException e) {
            throw failedLoad(w, e);
        }
        this.weights = w;
    }

    /** Loads a LLaVA checkpoint (config.json + safetensors) with {@code options}. */
    public static LlavaModel load(Checkpoint checkpoint, LoadOptions options) {
        LlavaConfig config = LlavaConfig.from(checkpoint.reader());
        return new LlavaModel(checkpoint.directory(), config, options);
    }

    @Override
    public String modelType() {
        return config.modelType();
    }

    public LlavaConfig config() {
        return config;
    }

    @Override
    public LlamaDecoder decoder() {
        return decoder;
    }

    @Override
    public int numVisionLayers() {
        return config.visionLayersNeeded();
    }

    @Override
    public int visionHiddenSize() {
        return config.vision().hiddenSize();
    }

    @Override
    public int imageSize() {
        return config.vision().imageSize();
    }

    @Override
    public int patchGridSize() {
        return config.vision().gridSize();
    }

    @Override
    public int imageRowsPerImage() {
        return config.imageSeqLength();
    }

    /** LLaVA's decoder (Llama) rotates by the sequence index: 1-D positions 0 .. T-1. */
    @Override
    public PositionIds positions(int[] ids, List<float[]> images) {
        return PositionIds.sequential(0, ids.length);
    }

    @Override
    public List<NDArray> runSuffixes(List<SuffixRun> runs, PositionIds positions, NDManager owner) {
        if (positions.length() < LlamaDecoder.EXACT_BATCH_ROWS) return super.runSuffixes(runs, positions, owner);
        return decoder.runSuffixes(runs, positions, owner);
    }

    /**
     * Encodes images and projects them: each {@code [C, S, S]} pixel array becomes {@code imageSeqLength} rows.
     *
     * @return [n * P, d] image-token embeddings in image order, owned by {@code owner}
     */
    @Override
    public NDArray encodeImages(List<float[]> pixels, Hooks hooks, NDManager owner) {
        int size = config.vision().imageSize();
        int channels = config.vision().numChannels();
        int perImage = config.imageSeqLength();
        List<NDArray> parts = new ArrayList<>();
        for (int i = 0; i < pixels.size(); i++) {
            float[] px = pixels.get(i);
            if (px.length != channels * size * size) {
                throw new VlmscopeException("image " + i + " has " + px.length + " pixel values, the vision tower expects "
                        + channels + "x" + size + "x" + size + ". Fix: preprocess it with this checkpoint's preprocessor_config.json");
            }
            NDArray features;
            try (NDScope ignored = new NDScope()) {
                NDArray input = owner.create(px, new Shape(1, channels, size, size));      // [1, C, S, S]
                features = Scopes.keep(vision.forward(input, i * (perImage), hooks, owner), owner); // [P, E]
            }
            try (NDScope ignored = new NDScope()) {
                NDArray projected = hooks.visit(Sites.PROJECTOR_OUT, projector.forward(features), i * perImage); // [P, d]
                parts.add(Scopes.keep(projected, owner));
            }
        }
        return ImageRows.concat(parts, owner);                                           // [n * P, d]
    }

    /**
     * Token embeddings with image features scattered, in order, into the rows whose id is the image token
     * (HF's masked_scatter); visits {@code embed}.
     *
     * @param imageFeatures [n * P, d] or null for a text-only prompt
     * @return [T, d]
     */
    @Override
    public NDArray embed(int[] ids, NDArray imageFeatures, Hooks hooks, NDManager owner) {
        int[] imagePositions = imagePositions(ids);
        long featureRows = imageFeatures == null ? 0 : imageFeatures.getShape().get(0);
        if (imagePositions.length != featureRows) {
            throw new VlmscopeException("the prompt has " + imagePositions.length + " image tokens (id "
                    + config.imageTokenIndex() + ") but " + featureRows + " image feature rows were given. Fix: expand each "
                    + "<image> into " + config.imageSeqLength() + " tokens and pass one image per <image>");
        }
        NDArray x = embedText(ids, owner);                             // [T, d]
        return hooks.visit(Sites.EMBED, ImageRows.scatter(x, imagePositions, imageFeatures, owner), 0);
    }

    @Override
    public int[] imagePositions(int[] ids) {
        return ImageRows.slots(ids, config.imageTokenIndex());
    }


    @Override
    protected void closeWeights() {
        weights.close();
    }
}
