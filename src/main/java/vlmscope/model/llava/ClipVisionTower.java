package vlmscope.model.llava;

import vlmscope.model.Activation;
import vlmscope.model.Compute;
import vlmscope.model.Scopes;
import vlmscope.model.TwoLayerMlp;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import vlmscope.hooks.Hooks;
import vlmscope.hooks.Sites;

/**
 * HF's CLIPVisionModel as LLaVA uses it: bias-free conv patch embedding, CLS + learned position embeddings,
 * {@code pre_layrnorm}, pre-LN encoder layers, and the hidden state selected by {@code vision_feature_layer}
 * ({@code post_layernorm} is never applied). Only the encoder layers up to the selected one are run.
 */
final class ClipVisionTower {

    private final VisionConfig cfg;
    private final Compute compute;
    private final int layersToRun;
    private final boolean dropCls;
    private final NDArray patchWeight;  // [E, C, p, p]
    private final NDArray classEmbedding; // [E]
    private final NDArray positionEmbedding; // [1 + P, E]
    private final NDArray preNormW, preNormB; // [E]
    private final Layer[] layers;

    private record Layer(NDArray ln1W, NDArray ln1B, NDArray wq, NDArray bq, NDArray wk, NDArray bk,
                         NDArray wv, NDArray bv, NDArray wo, NDArray bo, NDArray ln2W, NDArray ln2B, TwoLayerMlp mlp) {
    }

    ClipVisionTower(LlavaConfig config, ModelWeights w, Compute compute) {
        this.cfg = config.vision();
        this.compute = compute;
        this.layersToRun = config.visionLayersNeeded();
        this.dropCls = config.selectStrategy().equals("default");
        long e = cfg.hiddenSize();
        long p = cfg.patchSize();
        long inter = cfg.intermediateSize();
        patchWeight = w.vision("embeddings.patch_embedding.weight", e, cfg.numChannels(), p, p);
        classEmbedding = w.vision("embeddings.class_embedding", e);
        positionEmbedding = w.vision("embeddings.position_embedding.weight", cfg.numPatches() + 1, e);
        preNormW = w.vision("pre_layrnorm.weight", e);
        preNormB = w.vision("pre_layrnorm.bias", e);
        for (int l = layersToRun; l < cfg.numLayers(); l++) w.skipVision("encoder.layers." + l + "."); // after the feature layer
        w.skipVision("post_layernorm.");                                                                 // CLIP's pooler norm
        layers = new Layer[layersToRun];
        for (int l = 0; l < layersToRun; l++) {
            String n = "encoder.layers." + l + ".";
            layers[l] = new Layer(
                    w.vision(n + "layer_norm1.weight", e), w.vision(n + "layer_norm1.bias", e),
                    w.vision(n + "self_attn.q_proj.weight", e, e), w.vision(n + "self_attn.q_proj.bias", e),
                    w.vision(n + "self_attn.k_proj.weight", e, e), w.vision(n + "self_attn.k_proj.bias", e),
                    w.vision(n + "self_attn.v_proj.weight", e, e), w.vision(n + "self_attn.v_proj.bias", e),
                    w.vision(n + "self_attn.out_proj.weight", e, e), w.vision(n + "self_attn.out_proj.bias", e),
                    w.vision(n + "layer_norm2.weight", e), w.vision(n + "layer_norm2.bias", e),
                    TwoLayerMlp.read(w::vision, n + "mlp.", e, inter));
        }
    }

    /**
     * @param pixels [1, C, S, S] normalised pixel values (float32)
     * @param rowOffset row index of this image's first feature among all images (for hook offsets)
     * @return [P, E] selected features (CLS dropped under "default"), owned by {@code owner}
     */
    NDArray forward(NDArray pixels, int rowOffset, Hooks hooks, NDManager owner) {
        long e = cfg.hiddenSize();
        float eps = (float) cfg.layerNormEps();
        NDArray x;
        try (NDScope ignored = new NDScope()) {
            NDArray input = compute.activation(pixels);
            NDArray patches = Conv2d.conv2d(input, patchWeight, null, new Shape(cfg.patchSize(), cfg.patchSize()))
                    .get(0);                                                            // [1, E, g, g]
            patches = patches.reshape(e, cfg.numPatches()).transpose();                // [P, E]
            NDArray tokens = NDArrays.concat(new NDList(classEmbedding.reshape(1, e), patches), 0); // [1+P, E]
            tokens = tokens.add(positionEmbedding);
            x = Scopes.keep(compute.layerNorm(tokens, preNormW, preNormB, eps), owner);  // hidden_states[0]
        }
        Activation act = Activation.of(cfg.hiddenAct());
        for (int l = 0; l < layersToRun; l++) {
            try (NDScope ignored = new NDScope()) {
                x = Scopes.keep(layer(layers[l], x, act, eps), owner);
                x = Scopes.keep(hooks.visit(Sites.visionResidPost(l), x, rowOffset), owner);
            }
        }
        try (NDScope ignored = new NDScope()) {
            NDArray selected = dropCls ? x.get("1:") : x;                               // [P, E]
            return Scopes.keep(hooks.visit(Sites.VISION_FEATURES, selected, rowOffset), owner);
        }
    }

    /** One pre-LN CLIP encoder layer on x [1+P, E]. */
    private NDArray layer(Layer w, NDArray x, Activation act, float eps) {
        long n = x.getShape().get(0);
        int heads = cfg.numHeads();
        int dh = cfg.headDim();
        NDArray h = compute.layerNorm(x, w.ln1W, w.ln1B, eps);                                     // [n, E]
        float scale = (float) Math.pow(dh, -0.5);
        NDArray q = compute.linear(h, w.wq, w.bq).mul(scale).reshape(n, heads, dh).transpose(1, 0, 2); // [H, n, Dh]
        NDArray k = compute.linear(h, w.wk, w.bk).reshape(n, heads, dh).transpose(1, 0, 2);            // [H, n, Dh]
        NDArray v = compute.linear(h, w.wv, w.bv).reshape(n, heads, dh).transpose(1, 0, 2);            // [H, n, Dh]
        NDArray attn = compute.attention(q, k, v, null, 1f);                                           // [H, n, Dh]
        attn = attn.transpose(1, 0, 2).reshape(n, (long) heads * dh);                                  // [n, E]
        x = x.add(compute.linear(attn, w.wo, w.bo));
        NDArray h2 = compute.layerNorm(x, w.ln2W, w.ln2B, eps);                                        // [n, E]
        return x.add(w.mlp.apply(compute, act, h2));                                                   // [n, E]
    }
}
