package vlmscope.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Prints fp32 vs bf16 GEMM throughput (a measurement, not a timed assertion) and checks that both GEMMs agree.
 * Shapes as in the design notes: [1024, 2048] x [2048, 2048], 2 intra-op threads.
 */
class TorchKernelsThroughputTest {

    private static final int M = 1024;
    private static final int K = 2048;
    private static final int N = 2048;
    private static final int THREADS = 2;
    private static final int WARMUP = 2;
    private static final int REPS = 5;

    @Test
    void printsMatMulGflopsFp32VsBf16() {
        int previousThreads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(THREADS);
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager(); TorchKernels kernels = TorchKernels.load(manager)) {
            NDArray a = manager.randomNormal(new Shape(M, K)); // [M,K]
            NDArray b = manager.randomNormal(new Shape(K, N)).mul(1f / (float) Math.sqrt(K)); // [K,N]
            NDArray aBf16 = kernels.toBf16(a);
            NDArray bBf16 = kernels.toBf16(b);
            double[] fp32 = gflops(() -> a.matMul(b));
            double[] bf16 = gflops(() -> aBf16.matMul(bBf16));
            System.out.printf("TorchKernelsThroughput matMul %dx%dx%d, %d threads: fp32 median %.0f best %.0f GFLOP/s;"
                    + " bf16 median %.0f best %.0f GFLOP/s; bf16/fp32 (median) %.2fx%n", M, K, N, THREADS,
                    median(fp32), max(fp32), median(bf16), max(bf16), median(bf16) / median(fp32));
            try (NDScope ignored = new NDScope()) {
                NDArray exact = a.matMul(b); // [M,N]
                NDArray viaBf16 = kernels.toF32(aBf16.matMul(bBf16));
                float relative = exact.sub(viaBf16).norm().getFloat() / exact.norm().getFloat();
                assertTrue(relative < 1e-2f, "bf16 GEMM relative error " + relative);
            }
        } finally {
            JniUtils.setNumThreads(previousThreads);
        }
    }

    /** GFLOP/s of each timed repetition of {@code matMul}. */
    private static double[] gflops(Supplier<NDArray> matMul) {
        double flops = 2.0 * M * K * N;
        double[] rates = new double[REPS];
        for (int rep = -WARMUP; rep < REPS; rep++) {
            try (NDScope ignored = new NDScope()) {
                long start = System.nanoTime();
                matMul.get(); // [M,N]; synchronous on CPU, closed by the scope
                long nanos = System.nanoTime() - start;
                if (rep >= 0) {
                    rates[rep] = flops / nanos;
                }
            }
        }
        return rates;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }
}
