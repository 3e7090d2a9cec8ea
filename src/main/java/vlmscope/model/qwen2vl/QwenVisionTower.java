package vlmscope.model.qwen2vl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import vlmscope.VlmscopeException;
import vlmscope.hooks.Hooks;
import vlmscope.hooks.Sites;
import vlmscope.model.Compute;
import vlmscope.model.Scopes;

/**
 * The vision tower of Qwen2-VL ({@code Qwen2VisionTransformerPretrainedModel}) or Qwen2.5-VL
 * ({@code Qwen2_5_VisionTransformerPretrainedModel}) with its merger, for one image: patch embedding (the bias-free
 * Conv3d over [C, temporal, P, P] as one matmul), 2-D rotary, the blocks (Qwen2.5-VL: in window order, window
 * attention except in {@code fullatt_block_indexes}), then the {@link PatchMerger}. Attention never crosses frames.
 */
public final class QwenVisionTower {

    private final QwenVisionConfig cfg;
    private final Compute compute;
    private final NDArray patchWeight; // [E, C*T*P*P]
    private final VisionBlock[] blocks;
    private final PatchMerger merger;

    public QwenVisionTower(Qwen2VLConfig config, QwenWeights w) {
        this.cfg = config.vision();
        this.compute = w.compute();
        long e = cfg.width();
        int p = cfg.patchSize();
        patchWeight = w.load("visual.patch_embed.proj.weight", e, cfg.inChannels(), cfg.temporalPatchSize(), p, p)
                .reshape(e, (long) cfg.inChannels() * cfg.temporalPatchSize() * p * p);
        blocks = new VisionBlock[cfg.depth()];
        for (int b = 0; b < blocks.length; b++) {
            blocks[b] = config.isQwen25() ? VisionBlock.qwen25(cfg, w, b) : VisionBlock.qwen2(cfg, w, b);
        }
        merger = new PatchMerger(cfg, config.isQwen25(), w);
    }

    public int depth() {
        return blocks.length;
    }

    /**
     * Visits {@code vision.blocks.L.resid_post} and {@code vision.features} ([N, E], offset {@code patchOffset}) and
     * {@code projector.out} ([N / m², d], offset {@code tokenOffset}), always in the processor's natural patch order.
     *
     * @param patchOffset patch rows of the images before this one
     * @param tokenOffset image tokens of the images before this one
     * @return [numTokens, d] image-token embeddings (HF's {@code image_embeds} for this image), owned by {@code owner}
     */
    public NDArray forward(QwenPixels px, int patchOffset, int tokenOffset, Hooks hooks, NDManager owner) {
        int n = px.numPatches();
        int merge = cfg.mergeSize();
        if (px.merge() != merge) {
            throw new VlmscopeException("the pixels are grouped by merge size " + px.merge() + " but the vision tower merges "
                    + merge + ". Fix: preprocess images with this checkpoint's preprocessor_config.json");
        }
        WindowOrder wo = WindowOrder.of(px.gridT(), px.gridH(), px.gridW(), merge,
                cfg.windowSize() == 0 ? 0 : cfg.windowInTokens());
        NDArray order = owner.create(wo.order());       // [N]
        NDArray inverse = owner.create(wo.inverse());   // [N]
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
        NDArray[] cosSin;
        NDArray x;
        try (NDScope ignored = new NDScope()) {
            NDArray[] tables = VisionRotary.tables(cfg.headDim(), rows, columns, owner);                     // [N, Dh] x2
            cosSin = new NDArray[] {Scopes.keep(compute.activation(tables[0]), owner), Scopes.keep(compute.activation(tables[1]), owner)};
            NDArray pixels = compute.activation(owner.create(px.values(), new Shape(n, px.rowLength())));    // [N, C*T*P*P]
            x = Scopes.keep(compute.linear(pixels, patchWeight, null).get(new NDIndex("{}", order)), owner); // [N, E] processing order
        }
        NDArray natural = null;
        for (int b = 0; b < blocks.length; b++) {
            try (NDScope ignored = new NDScope()) {
                x = blocks[b].forward(x, cosSin, cfg.attendsFully(b) ? wo.frames() : wo.windows());  // [N, E]
                natural = Scopes.keep(hooks.visit(Sites.visionResidPost(b), x.get(new NDIndex("{}", inverse)), patchOffset), owner); // [N, E]
                x = Scopes.keep(natural.get(new NDIndex("{}", order)), owner);
            }
        }
        try (NDScope ignored = new NDScope()) {
            if (natural == null) natural = x.get(new NDIndex("{}", inverse));
            NDArray features = hooks.visit(Sites.VISION_FEATURES, natural, patchOffset);                       // [N, E]
            return Scopes.keep(hooks.visit(Sites.PROJECTOR_OUT, merger.forward(features), tokenOffset), owner); // [N/m², d]
        }
    }
}
