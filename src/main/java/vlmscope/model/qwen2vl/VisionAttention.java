package vlmscope.model.qwen2vl;

import vlmscope.model.Compute;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * The ViT self-attention of both architectures (HF {@code VisionAttention} / {@code Qwen2_5_VLVisionAttention},
 * eager): fused qkv with bias, 2-D rotary on q and k, softmax attention confined to consecutive row segments
 * (one frame of one image, or one Qwen2.5-VL window), output projection with bias.
 */
final class VisionAttention {

    private final int heads;
    private final Compute compute;
    private final NDArray wQkv, bQkv; // [3E, E], [3E]
    private final NDArray wProj, bProj; // [E, E], [E]

    VisionAttention(QwenVisionConfig cfg, QwenWeights w, String prefix) {
        long e = cfg.width();
        heads = cfg.numHeads();
        compute = w.compute();
        wQkv = w.load(prefix + "qkv.weight", 3 * e, e);
        bQkv = w.load(prefix + "qkv.bias", 3 * e);
        wProj = w.load(prefix + "proj.weight", e, e);
        bProj = w.load(prefix + "proj.bias", e);
    }

    /**
     * @param x        [N, E] normed rows
     * @param cosSin   rotary tables [N, Dh] x2
     * @param segments lengths of the consecutive row segments that attend among themselves (sum N)
     * @return [N, E]
     */
    NDArray forward(NDArray x, NDArray[] cosSin, int[] segments) {
        long n = x.getShape().get(0);
        long e = x.getShape().get(1);
        long dh = e / heads;
        NDArray qkv = compute.linear(x, wQkv, bQkv).reshape(n, 3, heads, dh);           // [N, 3, H, Dh]
        NDArray q = qkv.get(":, 0").transpose(1, 0, 2);                                   // [H, N, Dh]
        NDArray k = qkv.get(":, 1").transpose(1, 0, 2);                                   // [H, N, Dh]
        NDArray v = qkv.get(":, 2").transpose(1, 0, 2);                                   // [H, N, Dh]
        q = MRope.apply(q, cosSin);
        k = MRope.apply(k, cosSin);
        float scale = (float) (1.0 / Math.sqrt(dh));
        NDList parts = new NDList();
        int start = 0;
        for (int len : segments) {
            String rows = ":, " + start + ":" + (start + len);
            parts.add(compute.attention(q.get(rows), k.get(rows), v.get(rows), null, scale)); // [H, len, Dh]
            start += len;
        }
        NDArray out = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);       // [H, N, Dh]
        return compute.linear(out.transpose(1, 0, 2).reshape(n, e), wProj, bProj);        // [N, E]
    }
}
