package vlmscope.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter; torch.optim.AdamW's arithmetic) over NDArrays, with global-norm gradient clipping
 * done here in Java (DJL's native Adam only clamps positive gradients). Moments live in this optimiser's manager;
 * each parameter counts its own steps, so a group that was frozen starts its bias correction afresh.
 */
public final class AdamW implements AutoCloseable {

    /** Moments of one parameter. */
    public record Moments(NDArray m, NDArray v, int[] steps) {
    }

    private final float beta1, beta2, eps, weightDecay;
    private final NDManager manager;
    private final Map<String, Moments> state = new LinkedHashMap<>();

    public AdamW(NDManager parent, float beta1, float beta2, float eps, float weightDecay) {
        this.manager = parent.newSubManager();
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    /** The global L2 norm of the gradients of {@code params}. */
    public static float gradientNorm(List<Parameter> params) {
        NDList squares = new NDList();
        for (Parameter p : params) squares.add(p.value().getGradient().square().sum());
        return (float) Math.sqrt(NDArrays.stack(squares).sum().getFloat());
    }

    /**
     * One update of every parameter in {@code params} with learning rate {@code lr}, gradients scaled by
     * {@code gradScale} (the clipping factor); then their gradients are zeroed. Call inside an NDScope, outside
     * any GradientCollector.
     */
    public void step(List<Parameter> params, float lr, float gradScale) {
        for (Parameter p : params) {
            NDArray w = p.value();
            NDArray g = w.getGradient();
            if (gradScale != 1f) g = g.mul(gradScale);
            Moments s = state.computeIfAbsent(p.name(), name -> newMoments(w));
            int t = ++s.steps()[0];
            s.m().muli(beta1).addi(g.mul(1 - beta1));
            s.v().muli(beta2).addi(g.square().mul(1 - beta2));
            float bc1 = (float) (1 - Math.pow(beta1, t));
            float bc2 = (float) (1 - Math.pow(beta2, t));
            NDArray denom = s.v().div(bc2).sqrt().add(eps);
            NDArray update = s.m().div(bc1).div(denom).mul(lr);
            if (p.decay() && weightDecay > 0) w.muli(1 - lr * weightDecay);
            w.subi(update);
            JniUtils.zeroGrad((PtNDArray) w);
        }
    }

    /** Zeroes the gradients of {@code params} without updating (a skipped step). */
    public static void zeroGradients(List<Parameter> params) {
        for (Parameter p : params) JniUtils.zeroGrad((PtNDArray) p.value());
    }

    private Moments newMoments(NDArray w) {
        NDArray m = manager.zeros(w.getShape());
        NDArray v = manager.zeros(w.getShape());
        ai.djl.ndarray.NDScope.unregister(m, v);
        return new Moments(m, v, new int[1]);
    }

    /** The moments by parameter name (for checkpoints). */
    public Map<String, Moments> state() {
        return state;
    }

    /** Restores the moments of one parameter (from a checkpoint). */
    public void restore(String name, float[] m, float[] v, long[] shape, int steps) {
        NDArray mm = manager.create(m, new ai.djl.ndarray.types.Shape(shape));
        NDArray vv = manager.create(v, new ai.djl.ndarray.types.Shape(shape));
        ai.djl.ndarray.NDScope.unregister(mm, vv);
        state.put(name, new Moments(mm, vv, new int[]{steps}));
    }

    @Override
    public void close() {
        manager.close();
    }
}
