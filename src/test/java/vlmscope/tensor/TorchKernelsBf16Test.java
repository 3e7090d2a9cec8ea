package vlmscope.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** bf16 through the kernel library: rounding, bit views, dtype detection, and a bf16 GEMM. */
class TorchKernelsBf16Test {

    private static NDManager manager;
    private static TorchKernels kernels;

    @BeforeAll
    static void load() {
        manager = NDManager.newBaseManager();
        kernels = TorchKernels.load(manager);
        Engine.getInstance().setRandomSeed(11);
    }

    @AfterAll
    static void free() {
        kernels.close();
        manager.close();
    }

    /** fp32 → bf16 bits, round to nearest even (finite inputs), written independently of torch. */
    private static short bf16Bits(float f) {
        int bits = Float.floatToRawIntBits(f);
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }

    private static float[] spreadValues(int n) {
        Random random = new Random(5);
        float[] xs = new float[n]; // values from 1e-6 to 1e6, both signs, plus rounding ties
        for (int i = 0; i < n; i++) {
            xs[i] = (float) ((random.nextBoolean() ? 1 : -1) * Math.pow(10, random.nextDouble() * 12 - 6));
        }
        xs[0] = Float.intBitsToFloat(0x3F808000); // tie: rounds down to even 0x3F80
        xs[1] = Float.intBitsToFloat(0x3F818000); // tie: rounds up to even 0x3F82
        xs[2] = 0f;
        return xs;
    }

    @Test
    void roundTripRoundsToNearestEvenWithin2PowMinus8() {
        try (NDScope ignored = new NDScope()) {
            float[] xs = spreadValues(4096);
            float[] back = kernels.toF32(kernels.toBf16(manager.create(xs))).toFloatArray();
            for (int i = 0; i < xs.length; i++) {
                float expected = Float.intBitsToFloat(bf16Bits(xs[i]) << 16);
                assertEquals(expected, back[i], 0f, "element " + i + " = " + xs[i]);
                assertTrue(Math.abs(back[i] - xs[i]) <= Math.scalb(Math.abs(xs[i]), -8), "relative error > 2^-8");
            }
        }
    }

    @Test
    void bitViewsAreTheSafetensorsBytes() {
        try (NDScope ignored = new NDScope()) {
            float[] xs = spreadValues(64);
            ByteBuffer raw = ByteBuffer.allocateDirect(2 * xs.length).order(ByteOrder.LITTLE_ENDIAN); // bf16 file bytes
            for (float x : xs) {
                raw.putShort(bf16Bits(x));
            }
            raw.flip();
            NDArray bits = manager.create(raw, new Shape(8, 8), DataType.FLOAT16); // [8,8] bf16 bits typed as fp16
            NDArray bf16 = kernels.bf16FromBits(bits);
            assertTrue(TorchKernels.isBf16(bf16));
            assertEquals(new Shape(8, 8), bf16.getShape());
            float[] widened = kernels.toF32(bf16).toFloatArray();
            for (int i = 0; i < xs.length; i++) {
                assertEquals(Float.intBitsToFloat(bf16Bits(xs[i]) << 16), widened[i], 0f);
            }
            raw.putShort(2 * 9, bf16Bits(42f)); // element [1,1], written after the views were made
            assertEquals(42f, kernels.toF32(bf16).getFloat(1, 1), 0f, "the bf16 view should share the buffer");
            NDArray back = kernels.bf16ToBits(kernels.toBf16(manager.create(xs)));
            assertEquals(DataType.FLOAT16, back.getDataType());
            ShortBuffer written = back.toByteBuffer().asShortBuffer();
            short[] expected = new short[xs.length];
            short[] actual = new short[xs.length];
            for (int i = 0; i < xs.length; i++) {
                expected[i] = bf16Bits(xs[i]);
                actual[i] = written.get(i);
            }
            assertArrayEquals(expected, actual);
        }
    }

    @Test
    void isBf16TellsBf16FromEveryOtherDtype() {
        try (NDScope ignored = new NDScope()) {
            NDArray x = manager.randomNormal(new Shape(3, 4)); // [3,4]
            NDArray b = kernels.toBf16(x);
            assertEquals(DataType.UNKNOWN, b.getDataType());
            assertTrue(TorchKernels.isBf16(b));
            assertTrue(TorchKernels.isBf16(b.transpose())); // non-contiguous view
            assertTrue(TorchKernels.isBf16(b.get("1, 2"))); // 0-dim
            assertTrue(TorchKernels.isBf16(kernels.toBf16(manager.zeros(new Shape(0, 5))))); // empty
            assertFalse(TorchKernels.isBf16(x));
            assertFalse(TorchKernels.isBf16(x.toType(DataType.FLOAT16, false)));
            assertFalse(TorchKernels.isBf16(manager.arange(5L)));
            assertFalse(TorchKernels.isBf16(kernels.bf16ToBits(b)));
            assertFalse(TorchKernels.isBf16(manager.create(new double[] {1, 2}).toType(DataType.FLOAT64, false)));
        }
    }

    @Test
    void bf16LinearIsCloseToFp32() {
        try (NDScope ignored = new NDScope()) {
            NDArray x = manager.randomNormal(new Shape(16, 256)); // [T, in]
            NDArray w = manager.randomNormal(new Shape(64, 256)).mul(0.05f); // [out, in] as in PyTorch
            NDArray exact = Linear.linear(x, w).singletonOrThrow(); // [T, out]
            NDArray viaBf16 = kernels.toF32(Linear.linear(kernels.toBf16(x), kernels.toBf16(w)).singletonOrThrow());
            float relative = exact.sub(viaBf16).norm().getFloat() / exact.norm().getFloat();
            assertTrue(relative < 1e-2f, "relative Frobenius error " + relative);
            assertTrue(relative > 0f, "bf16 path should round");
        }
    }

    @Test
    void bf16SoftmaxAndNormsStayBf16AndClose() {
        try (NDScope ignored = new NDScope()) {
            NDArray x = manager.randomNormal(new Shape(4, 32)); // [4,32]
            NDArray w = manager.randomUniform(0.5f, 1.5f, new Shape(32)); // [32]
            NDArray xb = kernels.toBf16(x);
            NDArray soft = kernels.softmax(xb, -1);
            assertTrue(TorchKernels.isBf16(soft));
            float softDiff = kernels.toF32(soft).sub(kernels.toF32(xb).softmax(-1)).abs().max().getFloat();
            assertTrue(softDiff < 4e-3f, "softmax max |diff| " + softDiff);
            NDArray norm = kernels.rmsNorm(xb, kernels.toBf16(w), 1e-6f);
            assertTrue(TorchKernels.isBf16(norm));
            NDArray reference = kernels.rmsNorm(x, w, 1e-6f);
            float normDiff = kernels.toF32(norm).sub(reference).abs().max().getFloat();
            assertTrue(normDiff < 5e-2f, "rms_norm max |diff| " + normDiff);
            assertTrue(TorchKernels.isBf16(kernels.silu(xb)));
            assertTrue(TorchKernels.isBf16(kernels.geluErf(xb)));
            assertTrue(TorchKernels.isBf16(kernels.quickGelu(xb)));
        }
    }
}
