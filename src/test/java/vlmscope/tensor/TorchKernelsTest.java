package vlmscope.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** fp32 kernels against composed DJL references, closed forms and Java loops. */
class TorchKernelsTest {

    private static NDManager manager;
    private static TorchKernels kernels;

    @BeforeAll
    static void load() {
        manager = NDManager.newBaseManager();
        kernels = TorchKernels.load(manager);
        Engine.getInstance().setRandomSeed(7);
    }

    @AfterAll
    static void free() {
        kernels.close();
        manager.close();
    }

    /** Additive mask [lq, lk]: query i (absolute position i + lk - lq) sees keys 0..i + lk - lq. */
    static NDArray bottomRightCausalMask(NDManager m, int lq, int lk) {
        float[] mask = new float[lq * lk]; // [lq, lk]
        for (int i = 0; i < lq; i++) {
            for (int j = 0; j < lk; j++) {
                mask[i * lk + j] = j > i + (lk - lq) ? Float.NEGATIVE_INFINITY : 0f;
            }
        }
        return m.create(mask, new Shape(lq, lk));
    }

    /** softmax(q kᵀ / √Dh + mask) v with plain DJL ops; mask may be null. */
    static NDArray composedAttention(NDArray q, NDArray k, NDArray v, NDArray mask) {
        long dh = q.getShape().get(3);
        NDArray scores = q.matMul(k.swapAxes(-1, -2)).mul(1f / (float) Math.sqrt(dh)); // [B,H,Lq,Lk]
        return (mask == null ? scores : scores.add(mask)).softmax(-1).matMul(v); // [B,H,Lq,Dh]
    }

    static float maxAbsDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    @Test
    void sdpaCausalMatchesComposedAttention() {
        try (NDScope ignored = new NDScope()) {
            NDArray q = manager.randomNormal(new Shape(2, 3, 7, 8)); // [B,H,T,Dh]
            NDArray k = manager.randomNormal(new Shape(2, 3, 7, 8));
            NDArray v = manager.randomNormal(new Shape(2, 3, 7, 8));
            NDArray expected = composedAttention(q, k, v, bottomRightCausalMask(manager, 7, 7));
            NDArray actual = kernels.sdpaCausal(q, k, v);
            assertEquals(expected.getShape(), actual.getShape());
            assertTrue(maxAbsDiff(expected, actual) < 1e-5f, "max |diff| " + maxAbsDiff(expected, actual));
            // First query row sees only key 0: its output is exactly v[..., 0, :].
            assertTrue(maxAbsDiff(actual.get(":, :, 0, :"), v.get(":, :, 0, :")) < 1e-6f);
        }
    }

    @Test
    void sdpaIsNonCausal() {
        try (NDScope ignored = new NDScope()) {
            NDArray q = manager.randomNormal(new Shape(1, 2, 5, 4)); // [B,H,Lq,Dh]
            NDArray k = manager.randomNormal(new Shape(1, 2, 6, 4)); // [B,H,Lk,Dh]
            NDArray v = manager.randomNormal(new Shape(1, 2, 6, 4));
            NDArray actual = kernels.sdpa(q, k, v);
            assertTrue(maxAbsDiff(composedAttention(q, k, v, null), actual) < 1e-5f);
        }
    }

    @Test
    void sdpaMaskedOverCacheEqualsLastRowsOfFullCausalRun() {
        try (NDScope ignored = new NDScope()) {
            int t = 9;
            int suffix = 3;
            NDArray q = manager.randomNormal(new Shape(1, 2, t, 8)); // [B,H,T,Dh]
            NDArray k = manager.randomNormal(new Shape(1, 2, t, 8));
            NDArray v = manager.randomNormal(new Shape(1, 2, t, 8));
            NDArray qSuffix = q.get(":, :, " + (t - suffix) + ":, :"); // [B,H,3,Dh]
            NDArray mask = bottomRightCausalMask(manager, suffix, t); // [3, T]
            NDArray masked = kernels.sdpaMasked(qSuffix, k, v, mask);
            assertTrue(maxAbsDiff(composedAttention(qSuffix, k, v, mask), masked) < 1e-5f);
            NDArray full = kernels.sdpaCausal(q, k, v).get(":, :, " + (t - suffix) + ":, :");
            assertTrue(maxAbsDiff(full, masked) < 1e-5f, "suffix rows differ from the full causal run");
        }
    }

    @Test
    void sdpaMaskedCastsAnFp32MaskForBf16Inputs() {
        try (NDScope ignored = new NDScope()) {
            NDArray q = kernels.toBf16(manager.randomNormal(new Shape(1, 2, 4, 8))); // [B,H,4,Dh] bf16
            NDArray k = kernels.toBf16(manager.randomNormal(new Shape(1, 2, 10, 8))); // [B,H,10,Dh] bf16
            NDArray v = kernels.toBf16(manager.randomNormal(new Shape(1, 2, 10, 8)));
            NDArray mask = bottomRightCausalMask(manager, 4, 10); // [4,10] fp32
            NDArray out = kernels.sdpaMasked(q, k, v, mask);
            assertTrue(TorchKernels.isBf16(out));
            NDArray expected = composedAttention(kernels.toF32(q), kernels.toF32(k), kernels.toF32(v), mask);
            float diff = maxAbsDiff(expected, kernels.toF32(out));
            assertTrue(diff < 2e-2f, "bf16 attention max |diff| " + diff);
        }
    }

    @Test
    void rmsNormMatchesTheFormula() {
        try (NDScope ignored = new NDScope()) {
            float eps = 1e-5f;
            NDArray x = manager.randomNormal(new Shape(2, 5, 16)); // [B,T,d]
            NDArray w = manager.randomUniform(0.5f, 1.5f, new Shape(16)); // [d]
            NDArray expected = x.mul(x.square().mean(new int[] {-1}, true).add(eps).sqrt().pow(-1)).mul(w);
            NDArray actual = kernels.rmsNorm(x, w, eps);
            assertTrue(maxAbsDiff(expected, actual) < 1e-5f, "max |diff| " + maxAbsDiff(expected, actual));
            // eps matters: a constant row c gives c / sqrt(c² + eps).
            NDArray row = manager.full(new Shape(1, 4), 1e-3f); // [1,4]
            float big = kernels.rmsNorm(row, manager.ones(new Shape(4)), 1e-6f).getFloat(0, 0);
            assertEquals(1e-3 / Math.sqrt(1e-6 + 1e-6), big, 1e-5);
        }
    }

    @Test
    void activationsMatchClosedForms() {
        try (NDScope ignored = new NDScope()) {
            float[] xs = {-3f, -1f, -0.5f, 0f, 0.5f, 1f, 2f, 4f};
            // 0.5 x (1 + erf(x / √2)) from Python's math.erf.
            float[] gelu = {-0.004049694095f, -0.1586552539f, -0.1542687694f, 0f, 0.3457312306f, 0.8413447461f,
                1.954499736f, 3.999873315f};
            float[] silu = new float[xs.length];
            float[] quick = new float[xs.length];
            for (int i = 0; i < xs.length; i++) {
                silu[i] = (float) (xs[i] / (1 + Math.exp(-xs[i])));
                quick[i] = (float) (xs[i] / (1 + Math.exp(-1.702 * xs[i])));
            }
            NDArray x = manager.create(xs); // [8]
            assertArrayEquals(gelu, kernels.geluErf(x).toFloatArray(), 1e-6f);
            assertArrayEquals(silu, kernels.silu(x).toFloatArray(), 1e-6f);
            assertArrayEquals(quick, kernels.quickGelu(x).toFloatArray(), 1e-6f);
            NDArray up = manager.create(new float[] {2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f}); // [8]
            float[] swiglu = new float[xs.length];
            for (int i = 0; i < xs.length; i++) {
                swiglu[i] = 2f * silu[i];
            }
            assertArrayEquals(swiglu, kernels.swiglu(x, up).toFloatArray(), 1e-6f);
            NDArray big = manager.randomNormal(new Shape(3, 50)); // [3,50]
            assertTrue(maxAbsDiff(big.mul(Activation.sigmoid(big)), kernels.silu(big)) < 1e-6f);
        }
    }

    @Test
    void softmaxAndLogSoftmaxMatchJavaLoops() {
        try (NDScope ignored = new NDScope()) {
            float[] row = {1f, 2f, 3f, -1f}; // one row of x [2,4]
            double z = 0;
            for (float r : row) {
                z += Math.exp(r);
            }
            float[] p = new float[8];
            float[] logp = new float[8];
            for (int i = 0; i < 8; i++) {
                p[i] = (float) (Math.exp(row[i % 4]) / z);
                logp[i] = (float) (row[i % 4] - Math.log(z));
            }
            NDArray x = manager.create(new float[] {1f, 2f, 3f, -1f, 1f, 2f, 3f, -1f}, new Shape(2, 4)); // [2,4]
            assertArrayEquals(p, kernels.softmax(x, -1).toFloatArray(), 1e-6f);
            assertArrayEquals(p, kernels.softmax(x, 1).toFloatArray(), 1e-6f);
            assertArrayEquals(logp, kernels.logSoftmax(x).toFloatArray(), 1e-6f);
            float[] columns = kernels.softmax(x, 0).toFloatArray(); // equal rows: each column is (½, ½)
            assertArrayEquals(new float[] {.5f, .5f, .5f, .5f, .5f, .5f, .5f, .5f}, columns, 1e-7f);
        }
    }

    @Test
    void gradientsFlowThroughFusedAttention() {
        try (NDScope ignored = new NDScope()) {
            NDArray q = manager.randomNormal(new Shape(1, 2, 5, 4)); // [B,H,T,Dh]
            NDArray k = manager.randomNormal(new Shape(1, 2, 5, 4));
            NDArray v = manager.randomNormal(new Shape(1, 2, 5, 4));
            NDArray weights = manager.randomNormal(new Shape(1, 2, 5, 4)); // makes the loss depend on every output
            NDArray qFused = q.duplicate();
            NDArray qComposed = q.duplicate();
            qFused.setRequiresGradient(true);
            qComposed.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(kernels.sdpaCausal(qFused, k, v).mul(weights).sum());
                NDArray mask = bottomRightCausalMask(manager, 5, 5);
                collector.backward(composedAttention(qComposed, k, v, mask).mul(weights).sum());
                NDArray fusedGrad = qFused.getGradient();
                NDArray composedGrad = qComposed.getGradient();
                assertTrue(composedGrad.abs().max().getFloat() > 1e-3f, "gradient unexpectedly zero");
                assertTrue(maxAbsDiff(fusedGrad, composedGrad) < 1e-5f,
                        "grad max |diff| " + maxAbsDiff(fusedGrad, composedGrad));
            }
        }
    }

    @Test
    void logSoftmaxReturnsFp32() {
        try (NDScope ignored = new NDScope()) {
            NDArray x = manager.randomNormal(new Shape(3, 11)); // [3,11]
            NDArray fromBf16 = kernels.logSoftmax(kernels.toBf16(x));
            assertEquals(DataType.FLOAT32, fromBf16.getDataType());
            NDArray expected = kernels.toF32(kernels.toBf16(x)).logSoftmax(-1); // same rounded input, fp32 math
            assertTrue(maxAbsDiff(expected, fromBf16) < 1e-6f);
            assertTrue(maxAbsDiff(x.logSoftmax(-1), kernels.logSoftmax(x)) < 1e-6f);
        }
    }
}
