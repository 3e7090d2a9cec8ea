package vlmscope.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import vlmscope.organism.OrganismSpec;
import vlmscope.train.OrganismParameters;

import static vlmscope.organism.TensorNames.textLayer;

/**
 * The decoder of {@code TrainingForward#decoder} (RMSNorm, RoPE, SwiGLU, causal mask), differentiable, that also
 * returns the residual after one chosen block — the hidden state the spatial-ID loss reads. {@code TrainingForward}
 * exposes only the last block's output; {@code DecoderWithTapTest} checks that both give the same final residual,
 * so the two cannot drift apart silently. Call inside an NDScope.
 */
public final class DecoderWithTap {

    /**
     * @param last    [B, T, d] residual after the last block
     * @param tapped  [B, T, d] residual after block {@code layer} ({@code blocks.layer.resid_post})
     */
    public record Hidden(NDArray last, NDArray tapped) {
    }

    private final OrganismParameters params;
    private final OrganismSpec spec;

    public DecoderWithTap(OrganismParameters params) {
        this.params = params;
        this.spec = params.spec();
    }

    /** Runs every block on {@code x} [B, T, d], keeping the output of block {@code layer}. */
    public Hidden run(NDArray x, int layer) {
        if (layer < 0 || layer >= spec.textLayers()) {
            throw new IllegalArgumentException("layer " + layer + " outside 0.." + (spec.textLayers() - 1));
        }
        int t = (int) x.getShape().get(1);
        NDManager m = x.getManager();
        float[] maskValues = new float[t * t];
        for (int i = 0; i < t; i++) for (int j = i + 1; j < t; j++) maskValues[i * t + j] = Float.NEGATIVE_INFINITY;
        NDArray mask = m.create(maskValues, new Shape(t, t));                                    // [T, T]
        int dh = spec.textHeadDim();
        NDArray exponents = m.arange(0, dh, 2, DataType.INT64).toType(DataType.FLOAT32, false).div(dh);
        NDArray invFreq = NDArrays.div(1f, m.create((float) OrganismSpec.ROPE_THETA).pow(exponents)); // [Dh/2]
        NDArray positions = m.arange(0, t, 1, DataType.INT64).toType(DataType.FLOAT32, false);         // [T]
        NDArray freqs = positions.expandDims(1).matMul(invFreq.expandDims(0));                         // [T, Dh/2]
        NDArray emb = NDArrays.concat(new NDList(freqs, freqs), -1);                                   // [T, Dh]
        NDArray cos = emb.cos(), sin = emb.sin();
        NDArray tapped = null;
        for (int l = 0; l < spec.textLayers(); l++) {
            x = block(l, x, mask, cos, sin);
            if (l == layer) tapped = x;
        }
        return new Hidden(x, tapped);
    }

    private NDArray block(int l, NDArray x, NDArray mask, NDArray cos, NDArray sin) {
        long b = x.getShape().get(0), t = x.getShape().get(1);
        int heads = spec.textHeads(), dh = spec.textHeadDim();
        NDArray h = rmsNorm(x, textLayer(l, "input_layernorm.weight"));                          // [B, T, d]
        NDArray q = linear(h, textLayer(l, "self_attn.q_proj.weight")).reshape(b, t, heads, dh).transpose(0, 2, 1, 3);
        NDArray k = linear(h, textLayer(l, "self_attn.k_proj.weight")).reshape(b, t, heads, dh).transpose(0, 2, 1, 3);
        NDArray v = linear(h, textLayer(l, "self_attn.v_proj.weight")).reshape(b, t, heads, dh).transpose(0, 2, 1, 3);
        q = rope(q, cos, sin);                                                                    // [B, H, T, Dh]
        k = rope(k, cos, sin);
        NDArray scores = q.matMul(k.swapAxes(2, 3)).mul((float) (1.0 / Math.sqrt(dh))).add(mask); // [B, H, T, T]
        NDArray attn = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, t, (long) heads * dh); // [B, T, d]
        x = x.add(linear(attn, textLayer(l, "self_attn.o_proj.weight")));
        NDArray h2 = rmsNorm(x, textLayer(l, "post_attention_layernorm.weight"));
        NDArray gate = linear(h2, textLayer(l, "mlp.gate_proj.weight"));                          // [B, T, I]
        gate = gate.mul(Activation.sigmoid(gate));
        NDArray up = linear(h2, textLayer(l, "mlp.up_proj.weight"));
        return x.add(linear(gate.mul(up), textLayer(l, "mlp.down_proj.weight")));
    }

    private NDArray rope(NDArray x, NDArray cos, NDArray sin) {
        int half = spec.textHeadDim() / 2;
        NDArray rotated = NDArrays.concat(new NDList(x.get("..., " + half + ":").neg(), x.get("..., :" + half)), -1);
        return x.mul(cos).add(rotated.mul(sin));
    }

    private NDArray rmsNorm(NDArray x, String weight) {
        NDArray inv = x.square().mean(new int[]{-1}, true).add((float) OrganismSpec.RMS_NORM_EPS).sqrt().pow(-1f);
        return params.get(weight).mul(x.mul(inv));
    }

    private NDArray linear(NDArray x, String weight) {
        return Linear.linear(x, params.get(weight)).get(0);
    }
}
