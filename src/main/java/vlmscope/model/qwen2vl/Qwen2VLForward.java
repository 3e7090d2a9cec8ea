package vlmscope.model.qwen2vl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vlmscope.VlmscopeException;
import vlmscope.model.KvCache;

/**
 * A whole Qwen2-VL / Qwen2.5-VL forward pass ({@code Qwen2VLForConditionalGeneration.forward} without generation):
 * each image through the {@link QwenVisionTower}; the merged image tokens replace the {@code <|image_pad|>}
 * embeddings in order (HF's masked_scatter); {@link RopeIndex} gives the 3-D positions; the {@link Qwen2Decoder}
 * runs all layers; final norm and lm_head give logits.
 */
public final class Qwen2VLForward implements AutoCloseable {

    private final Qwen2VLConfig cfg;
    private final NDManager manager;
    private final QwenWeights weights;
    private final QwenVisionTower vision;
    private final Qwen2Decoder decoder;

    /** The forward's results, owned by the manager passed to {@link #run}. */
    public record Result(NDArray embeddings, NDArray lastHidden, NDArray logitsLast, MropePositions positions) {
    }

    public Qwen2VLForward(Path checkpointDir, NDManager parent) {
        this.cfg = Qwen2VLConfig.fromPretrained(checkpointDir);
        this.manager = parent.newSubManager();
        this.weights = new QwenWeights(checkpointDir, manager);
        this.vision = new QwenVisionTower(cfg, weights);
        this.decoder = new Qwen2Decoder(cfg.text(), weights, manager);
    }

    public Qwen2VLConfig config() {
        return cfg;
    }

    public QwenVisionTower vision() {
        return vision;
    }

    public Qwen2Decoder decoder() {
        return decoder;
    }

    /**
     * @param ids    [T] prompt ids with each image's {@code <|image_pad|>} expanded to its token count
     * @param images the images in prompt order
     */
    public Result run(int[] ids, List<QwenPixels> images, VisionVisitor visionVisitor, DecoderVisitor decoderVisitor,
                      NDManager owner) {
        List<RopeIndex.Grid> grids = new ArrayList<>();
        for (QwenPixels px : images) grids.add(RopeIndex.Grid.of(px.gridThw()));
        MropePositions positions = new RopeIndex(cfg).compute(ids, grids, List.of(), null);
        NDArray x = decoder.embed(ids, owner);                                             // [T, d]
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) if (ids[i] == cfg.imageTokenId()) slots.add(i);
        if (!images.isEmpty()) {
            NDList tokens = new NDList();
            for (QwenPixels px : images) tokens.add(vision.forward(px, visionVisitor, owner)); // [n_i, d]
            NDArray imageTokens = tokens.size() == 1 ? tokens.get(0) : NDArrays.concat(tokens, 0); // [n, d]
            if (imageTokens.getShape().get(0) != slots.size()) {
                throw new VlmscopeException("the prompt has " + slots.size() + " <|image_pad|> tokens but the images give "
                        + imageTokens.getShape().get(0) + " image tokens. Fix: expand each image's placeholder to "
                        + "(h*w)/merge^2 tokens of its grid");
            }
            int[] source = new int[ids.length]; // [T] row of concat(text embeddings, image tokens) each position takes
            for (int i = 0; i < ids.length; i++) source[i] = i;
            for (int k = 0; k < slots.size(); k++) source[slots.get(k)] = ids.length + k;
            x = NDArrays.concat(new NDList(x, imageTokens), 0).get(new NDIndex("{}", owner.create(source))); // [T, d]
        } else if (!slots.isEmpty()) {
            throw new VlmscopeException("the prompt has " + slots.size() + " <|image_pad|> tokens but no image was given."
                    + " Fix: pass the image, or remove the placeholder");
        }
        NDArray embeddings = x;
        try (KvCache cache = new KvCache(owner, decoder.numLayers())) {
            NDArray last = decoder.runBlocks(x, positions.rows(), 0, 0, cache, decoderVisitor, owner); // [T, d]
            NDArray lastRow = last.get((ids.length - 1) + ":");                                       // [1, d]
            NDArray logits = decoder.logits(decoder.finalNorm(lastRow));                              // [1, V]
            return new Result(embeddings, last, logits, positions);
        }
    }

    @Override
    public void close() {
        weights.close();
        manager.close();
    }
}
