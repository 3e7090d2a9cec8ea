package vlmscope.model.qwen2vl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The vision tower of Qwen2-VL ({@code Qwen2VisionTransformerPretrainedModel}) or Qwen2.5-VL
 * ({@code Qwen2_5_VisionTransformerPretrainedModel}) with its merger, for one image: patch embedding (the bias-free
 * Conv3d over [C, temporal, P, P] as one matmul), 2-D rotary, the blocks (Qwen2.5-VL: in window order, window
 * attention except in {@code fullatt_block_indexes}), then the {@link PatchMerger}. Attention never crosses frames.
 */
public final class QwenVisionTower {

    private final QwenVisionConfig cfg;
    private final NDArray patchWeight; // [E, C*T*P*P]
    private final VisionBlock[] blocks;
    private final PatchMerger merger;

    public QwenVisionTower(Qwen2VLConfig config, QwenWeights w) {
        this.cfg = config.vision();
        long e = cfg.width();
        int p = cfg.patchSize();
        patchWeight = w.load("visual.patch_embed.proj.weight", e, cfg.inChannels(), cfg.temporalPatchSize(), p, p)
                .reshape(e, (long) cfg.inChannels() * cfg.temporalPatchSize() * p * p);
        blocks = new VisionBlock[cfg.depth()];
        for (int b = 0; b < blocks.length; b++) {
            blocks[b] = config.isQwen25() ? new Qwen25VisionBlock(cfg, w, b) : new Qwen2VisionBlock(cfg, w, b);
        }
        merger = new PatchMerger(cfg, config.isQwen25(), w);
    }

    public int depth() {
        return blocks.length;
    }

    /**
     * @return [numTokens, d] image-token embeddings (HF's {@code image_embeds} for this image), owned by {@code manager}
     */
    public NDArray forward(QwenPixels px, VisionVisitor visitor, NDManager manager) {
        int n = px.numPatches();
        int merge = cfg.mergeSize();
        if (px.merge() != merge) {
            throw new IllegalArgumentException("pixels grouped by merge " + px.merge() + " but the tower merges " + merge);
        }
        WindowOrder wo = WindowOrder.of(px.gridT(), px.gridH(), px.gridW(), merge,
                cfg.windowSize() == 0 ? 0 : cfg.windowInTokens());
        NDArray order = manager.create(wo.order());       // [N]
        NDArray inverse = manager.create(wo.inverse());   // [N]
        NDArray pixels = manager.create(px.values(), new Shape(n, px.rowLength()));   // [N, C*T*P*P]
        NDArray x = QwenOps.linear(pixels, patchWeight, null).get(new NDIndex("{}", order)); // [N, E] processing order
        int[] rows = new int[n];
        int[] columns = new int[n];
        int perFrame = px.gridH() * px.gridW();
        for (int k = 0; k < n; k++) {
            int i = wo.order()[k] % perFrame;             // natural row (t, hb, wb, hm, wm) within its frame
            int unit = i / (merge * merge);
            int within = i % (merge * merge);
            int unitsPerRow = px.gridW() / merge;
            rows[k] = (unit / unitsPerRow) * merge + within / merge;
            columns[k] = (unit % unitsPerRow) * merge + within % merge;
        }
        NDArray[] cosSin = VisionRotary.tables(cfg.headDim(), rows, columns, manager); // [N, Dh] x2
        NDArray natural = null;
        for (int b = 0; b < blocks.length; b++) {
            x = blocks[b].forward(x, cosSin, cfg.attendsFully(b) ? wo.frames() : wo.windows());  // [N, E]
            natural = visitor.blockOutput(b, x.get(new NDIndex("{}", inverse)));                  // [N, E]
            x = natural.get(new NDIndex("{}", order));
        }
        if (natural == null) natural = x.get(new NDIndex("{}", inverse));
        NDArray features = visitor.features(natural);                                           // [N, E]
        return visitor.mergerOutput(merger.forward(features));                                   // [N/m², d]
    }
}
