package vlmscope.engine;

/** Log-softmax over a full vocabulary, in double for a stable reference value. */
public final class LogProbs {

    private LogProbs() {
    }

    public static float[] of(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) max = Math.max(max, v);
        double sum = 0;
        for (float v : logits) sum += Math.exp(v - max);
        double logZ = max + Math.log(sum);
        float[] out = new float[logits.length];
        for (int i = 0; i < logits.length; i++) out[i] = (float) (logits[i] - logZ);
        return out;
    }
}
