package vlmscope.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import vlmscope.organism.OrganismSpec;

import static vlmscope.organism.TensorNames.LM_HEAD;
import static vlmscope.organism.TensorNames.projector;
import static vlmscope.organism.TensorNames.text;
import static vlmscope.organism.TensorNames.textLayer;
import static vlmscope.organism.TensorNames.vision;
import static vlmscope.organism.TensorNames.visionLayer;

/**
 * The organism's forward pass over a batch, differentiable: the same arithmetic as the engine's
 * {@code ClipVisionTower} → {@code LlavaProjector} → {@code LlamaDecoder} (HF LLaVA-1.5 with
 * vision_feature_layer -1 and the "default" strategy), batched. Sequences are right-padded: the causal mask
 * keeps padding from reaching real positions, so no padding mask is needed. Call it inside an NDScope.
 */
public final class TrainingForward {

    private final OrganismParameters params;
    private final OrganismSpec spec;
    private NDArray cos; // [capacity, Dh]
    private NDArray sin; // [capacity, Dh]

    public TrainingForward(OrganismParameters params) {
        this.params = params;
        this.spec = params.spec();
    }

    public OrganismSpec spec() {
        return spec;
    }

    /** The manager of the parameters (inputs created from it are closed by the caller's NDScope). */
    public NDManager manager() {
        return params.manager();
    }

    /**
     * The ViT: pixels [N, 3, S, S] → the selected features [N, P, E] (output of the last encoder layer, CLS dropped).
     */
    public NDArray visionFeatures(NDArray pixels) {
        long n = pixels.getShape().get(0);
        long e = spec.visionHidden();
        int patches = spec.numPatches();
        NDArray x = Conv2d.conv2d(pixels, params.get(vision("embeddings.patch_embedding.weight")), null,
                new Shape(spec.patch(), spec.patch())).get(0);                                   // [N, E, g, g]
        x = x.reshape(n, e, patches).transpose(0, 2, 1);                                          // [N, P, E]
        NDArray cls = params.get(vision("embeddings.class_embedding")).reshape(1, 1, e).broadcast(n, 1, e); // [N, 1, E]
        x = NDArrays.concat(new NDList(cls, x), 1);                                               // [N, 1+P, E]
        x = x.add(params.get(vision("embeddings.position_embedding.weight")));
        x = layerNorm(x, vision("pre_layrnorm"));
        for (int l = 0; l < spec.visionLayers(); l++) x = visionLayerForward(l, x);
        return x.get(":, 1:, :");                                                                 // [N, P, E]
    }

    private NDArray visionLayerForward(int l, NDArray x) {
        long n = x.getShape().get(0), t = x.getShape().get(1);
        int heads = spec.visionHeads(), dh = spec.visionHeadDim();
        NDArray h = layerNorm(x, visionLayer(l, "layer_norm1"));                                   // [N, t, E]
        NDArray q = linear(h, visionLayer(l, "self_attn.q_proj")).mul((float) Math.pow(dh, -0.5))
                .reshape(n, t, heads, dh).transpose(0, 2, 1, 3);                                  // [N, H, t, Dh]
        NDArray k = linear(h, visionLayer(l, "self_attn.k_proj")).reshape(n, t, heads, dh).transpose(0, 2, 1, 3);
        NDArray v = linear(h, visionLayer(l, "self_attn.v_proj")).reshape(n, t, heads, dh).transpose(0, 2, 1, 3);
        NDArray probs = q.matMul(k.swapAxes(2, 3)).softmax(-1);                                   // [N, H, t, t]
        NDArray attn = probs.matMul(v).transpose(0, 2, 1, 3).reshape(n, t, (long) heads * dh);    // [N, t, E]
        x = x.add(linear(attn, visionLayer(l, "self_attn.out_proj")));
        NDArray h2 = layerNorm(x, visionLayer(l, "layer_norm2"));
        NDArray mlp = linear(Activation.gelu(linear(h2, visionLayer(l, "mlp.fc1"))), visionLayer(l, "mlp.fc2"));
        return x.add(mlp);
    }

    /** Dense per-patch head of vision pre-training: features [N, P, E] → logits [N, P, O]. */
    public NDArray denseHead(NDArray features) {
        return Linear.linear(features, params.get("dense_head.weight"), params.get("dense_head.bias")).get(0);
    }

    /** The projector: features [N, P, E] → image-token embeddings [N, P, d]. */
    public NDArray project(NDArray features) {
        return linear(Activation.gelu(linear(features, projector("linear_1"))), projector("linear_2"));
    }

    /**
     * Token embeddings with image rows merged, as HF's masked_scatter: the i-th image token of the batch (row-major
     * over [B, T]) takes row i of {@code imageTokens}.
     *
     * @param ids         [B, T] token ids (int32)
     * @param imageTokens [M, d] projected image tokens in batch order, M = number of image tokens in {@code ids}, or null
     * @param imageId     the image token id
     * @return [B, T, d]
     */
    public NDArray embed(int[][] ids, NDArray imageTokens, int imageId) {
        int b = ids.length, t = ids[0].length;
        int v = spec.vocabSize();
        int[] rows = new int[b * t];                                                              // [B*T]
        int next = 0;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) rows[i * t + j] = ids[i][j] == imageId ? v + next++ : ids[i][j];
        }
        long available = imageTokens == null ? 0 : imageTokens.getShape().get(0);
        if (next != available) {
            throw new IllegalArgumentException(next + " image tokens in the ids but " + available + " image rows");
        }
        NDArray table = params.get(text("embed_tokens.weight"));                                  // [V, d]
        if (imageTokens != null) table = NDArrays.concat(new NDList(table, imageTokens), 0);     // [V + M, d]
        NDManager m = table.getManager();
        NDArray index = m.create(rows);                                                            // [B*T]
        return table.get(new NDIndex("{}", index)).reshape(b, t, spec.textHidden());             // [B, T, d]
    }

    /** The decoder blocks: [B, T, d] → [B, T, d] (residual after the last block, before the final norm). */
    public NDArray decoder(NDArray x) {
        return decoder(x, -1).last();
    }

    /**
     * The decoder's last residual and the output of block {@code tapLayer} ({@code blocks.tapLayer.resid_post}).
     *
     * @param last   [B, T, d] residual after the last block
     * @param tapped [B, T, d] residual after block {@code tapLayer}, or null when no block was tapped
     */
    public record Tapped(NDArray last, NDArray tapped) {
    }

    /** Runs every block on x [B, T, d], also returning the output of block {@code tapLayer} (-1: none). */
    public Tapped decoder(NDArray x, int tapLayer) {
        if (tapLayer < -1 || tapLayer >= spec.textLayers()) {
            throw new IllegalArgumentException("layer " + tapLayer + " outside 0.." + (spec.textLayers() - 1));
        }
        long t = x.getShape().get(1);
        NDArray mask = causalMask(x.getManager(), (int) t);                                       // [T, T]
        ensureRope((int) t, x.getManager());
        NDArray c = cos.get(":" + t), s = sin.get(":" + t);                                       // [T, Dh]
        NDArray tapped = null;
        for (int l = 0; l < spec.textLayers(); l++) {
            x = block(l, x, mask, c, s);
            if (l == tapLayer) tapped = x;
        }
        return new Tapped(x, tapped);
    }

    private NDArray block(int l, NDArray x, NDArray mask, NDArray cos, NDArray sin) {
        long b = x.getShape().get(0), t = x.getShape().get(1);
        int heads = spec.textHeads(), dh = spec.textHeadDim();
        NDArray h = rmsNorm(x, textLayer(l, "input_layernorm.weight"));                          // [B, T, d]
        NDArray q = linearNoBias(h, textLayer(l, "self_attn.q_proj.weight")).reshape(b, t, heads, dh).transpose(0, 2, 1, 3);
        NDArray k = linearNoBias(h, textLayer(l, "self_attn.k_proj.weight")).reshape(b, t, heads, dh).transpose(0, 2, 1, 3);
        NDArray v = linearNoBias(h, textLayer(l, "self_attn.v_proj.weight")).reshape(b, t, heads, dh).transpose(0, 2, 1, 3);
        q = rope(q, cos, sin);                                                                    // [B, H, T, Dh]
        k = rope(k, cos, sin);
        NDArray scores = q.matMul(k.swapAxes(2, 3)).mul((float) (1.0 / Math.sqrt(dh))).add(mask); // [B, H, T, T]
        NDArray attn = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, t, (long) heads * dh); // [B, T, d]
        x = x.add(linearNoBias(attn, textLayer(l, "self_attn.o_proj.weight")));
        NDArray h2 = rmsNorm(x, textLayer(l, "post_attention_layernorm.weight"));
        NDArray gate = linearNoBias(h2, textLayer(l, "mlp.gate_proj.weight"));                   // [B, T, I]
        gate = gate.mul(Activation.sigmoid(gate));
        NDArray up = linearNoBias(h2, textLayer(l, "mlp.up_proj.weight"));
        return x.add(linearNoBias(gate.mul(up), textLayer(l, "mlp.down_proj.weight")));
    }

    /**
     * Logits at chosen positions: final RMSNorm and lm_head applied to {@code hidden[batch[i], position[i]]}.
     *
     * @param hidden [B, T, d]
     * @return [K, V]
     */
    public NDArray logitsAt(NDArray hidden, int[] batch, int[] position) {
        NDManager m = hidden.getManager();
        NDArray rows = hidden.get(new NDIndex("{}, {}", m.create(batch), m.create(position)));  // [K, d]
        return linearNoBias(rmsNorm(rows, text("norm.weight")), LM_HEAD);                         // [K, V]
    }

    /** Mean cross-entropy of logits [K, V] against targets [K]. */
    public static NDArray crossEntropy(NDArray logits, int[] targets) {
        NDArray index = logits.getManager().create(targets).toType(DataType.INT64, false).expandDims(1); // [K, 1]
        return logits.logSoftmax(-1).gather(index, 1).neg().mean();
    }

    /** Cross-entropy of logits [K, V] against targets [K], weighted by {@code weights} [K] and summed. */
    public static NDArray weightedCrossEntropy(NDArray logits, int[] targets, float[] weights) {
        NDManager m = logits.getManager();
        NDArray index = m.create(targets).toType(DataType.INT64, false).expandDims(1);            // [K, 1]
        NDArray nll = logits.logSoftmax(-1).gather(index, 1).neg().reshape(targets.length);      // [K]
        return nll.mul(m.create(weights)).sum();
    }

    private NDArray rope(NDArray x, NDArray cos, NDArray sin) {
        int half = spec.textHeadDim() / 2;
        NDArray x1 = x.get("..., :" + half);
        NDArray x2 = x.get("..., " + half + ":");
        NDArray rotated = NDArrays.concat(new NDList(x2.neg(), x1), -1);
        return x.mul(cos).add(rotated.mul(sin));
    }

    /** The engine's RoPE tables, recomputed with the same libtorch float32 ops (see {@code Rope}). */
    private void ensureRope(int length, NDManager scratch) {
        if (cos != null && cos.getShape().get(0) >= length) return;
        int capacity = Math.max(length, 256);
        int dh = spec.textHeadDim();
        NDManager keep = params.manager();
        try (NDManager tmp = keep.newSubManager()) {
            NDArray exponents = tmp.arange(0, dh, 2, DataType.INT64).toType(DataType.FLOAT32, false).div(dh);
            NDArray invFreq = NDArrays.div(1f, tmp.create((float) OrganismSpec.ROPE_THETA).pow(exponents)); // [Dh/2]
            NDArray positions = tmp.arange(0, capacity, 1, DataType.INT64).toType(DataType.FLOAT32, false); // [C]
            NDArray freqs = positions.expandDims(1).matMul(invFreq.expandDims(0));                         // [C, Dh/2]
            NDArray emb = NDArrays.concat(new NDList(freqs, freqs), -1);                                   // [C, Dh]
            NDArray newCos = emb.cos(), newSin = emb.sin();
            newCos.attach(keep);
            newSin.attach(keep);
            ai.djl.ndarray.NDScope.unregister(newCos, newSin);
            if (cos != null) {
                cos.close();
                sin.close();
            }
            cos = newCos;
            sin = newSin;
        }
    }

    private static NDArray causalMask(NDManager m, int t) {
        float[] mask = new float[t * t];
        for (int i = 0; i < t; i++) for (int j = i + 1; j < t; j++) mask[i * t + j] = Float.NEGATIVE_INFINITY;
        return m.create(mask, new Shape(t, t));
    }

    private NDArray layerNorm(NDArray x, String prefix) {
        return LayerNorm.layerNorm(x, new Shape(x.getShape().tail()), params.get(prefix + ".weight"),
                params.get(prefix + ".bias"), (float) OrganismSpec.LAYER_NORM_EPS).get(0);
    }

    private NDArray rmsNorm(NDArray x, String weight) {
        NDArray inv = x.square().mean(new int[]{-1}, true).add((float) OrganismSpec.RMS_NORM_EPS).sqrt().pow(-1f);
        return params.get(weight).mul(x.mul(inv));
    }

    private NDArray linear(NDArray x, String prefix) {
        return Linear.linear(x, params.get(prefix + ".weight"), params.get(prefix + ".bias")).get(0);
    }

    private NDArray linearNoBias(NDArray x, String weight) {
        return Linear.linear(x, params.get(weight)).get(0);
    }
}
