package vlmscope.model.qwen2vl;

import ai.djl.ndarray.NDArray;
import vlmscope.hooks.Hooks;
import vlmscope.model.Activation;
import vlmscope.model.PreNormLayer;
import vlmscope.model.KvCache;

/**
 * One Qwen2 decoder layer (HF {@code Qwen2VLDecoderLayer} / {@code Qwen2_5_VLDecoderLayer}, eager), pre-norm:
 * x += o(attn(mrope(q), mrope(k), v)) with q/k/v biases and a bias-free o, grouped key/value heads;
 * x += down(silu(gate(h)) * up(h)) without biases; RMSNorm before each.
 * Hook sites as the Llama block: resid_pre, attn.k (post-rotary), attn.v, attn_out, mlp_out, resid_post.
 */
final class Qwen2DecoderBlock {

    private final PreNormLayer weights; // q/k/v biases, bias-free o and MLP

    Qwen2DecoderBlock(int layer, QwenTextConfig cfg, QwenWeights w) {
        weights = PreNormLayer.read(layer, w::load, "model.layers." + layer + ".", w.compute(), cfg.hiddenSize(),
                cfg.intermediateSize(), cfg.numHeads(), cfg.numKvHeads(), cfg.headDim(), cfg.rmsNormEps(),
                Activation.SILU, new PreNormLayer.Biases(true, false, false));
    }

    /**
     * @param x      [t, d] residual entering the layer at rows p0 .. p0 + t - 1
     * @param cosSin M-RoPE tables of those rows, [t, Dh] x2
     * @param mask   [t, p0 + t] additive causal mask, or null when t == 1
     * @param cache  holds rows [0, p0) of this layer; the new keys/values are appended
     * @return [t, d] residual leaving the layer
     */
    NDArray forward(NDArray x, int p0, NDArray[] cosSin, NDArray mask, KvCache cache, Hooks hooks) {
        return weights.forward(x, p0, a -> MRope.apply(a, cosSin), mask, cache, hooks);
    }
}
