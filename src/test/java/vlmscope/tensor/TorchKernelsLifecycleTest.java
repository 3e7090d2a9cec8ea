package vlmscope.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Where kernel results live, whether they accept in-place ops, and argument names. */
class TorchKernelsLifecycleTest {

    private static NDManager manager;
    private static TorchKernels kernels;

    @BeforeAll
    static void load() {
        manager = NDManager.newBaseManager();
        try (NDScope ignored = new NDScope()) {
            kernels = TorchKernels.load(manager); // loaded inside a scope: must survive its closing
        }
    }

    @AfterAll
    static void free() {
        kernels.close();
        manager.close();
    }

    @Test
    void resultsAttachToTheFirstArgumentsManagerAndTheInnermostScope() {
        NDArray kept;
        NDArray scoped;
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.randomNormal(new Shape(2, 8)); // [2,8]
            NDArray w = manager.ones(new Shape(8)); // [8] long-lived, second argument
            try (NDScope ignored = new NDScope()) {
                scoped = kernels.rmsNorm(x, w, 1e-6f);
                kept = kernels.silu(x);
                NDScope.unregister(kept);
                assertSame(step, scoped.getManager());
            }
            assertTrue(scoped.isReleased(), "the scope should have closed the result");
            assertFalse(kept.isReleased());
            assertSame(step, kept.getManager());
        }
        assertTrue(kept.isReleased(), "closing the first argument's manager should close the result");
    }

    @Test
    void resultsAcceptInPlaceOps() {
        try (NDScope ignored = new NDScope()) {
            NDArray y = kernels.silu(manager.zeros(new Shape(2, 3))); // [2,3] zeros
            y.set(new NDIndex("1, 2"), 5f);
            y.addi(1f);
            assertArrayEquals(new float[] {1, 1, 1, 1, 1, 6}, y.toFloatArray());
            NDArray b = kernels.toBf16(manager.zeros(new Shape(4))); // [4] bf16
            b.set(new NDIndex("0"), kernels.toBf16(manager.create(3f)));
            assertArrayEquals(new float[] {3, 0, 0, 0}, kernels.toF32(b).toFloatArray());
        }
    }

    @Test
    void namedArgumentsArePassedAsTensorsAndKeepTheirNames() {
        try (NDScope ignored = new NDScope()) {
            NDArray x = manager.create(new float[] {3f, 4f}, new Shape(1, 2)); // [1,2]
            NDArray w = manager.create(new float[] {1f, 2f}); // [2]
            w.setName("model.norm.weight"); // DJL alone would read this as a dict entry
            x.setName("x[]"); // and this as a list
            float[] out = kernels.rmsNorm(x, w, 0f).toFloatArray(); // rms of (3,4) = √12.5
            assertArrayEquals(new float[] {(float) (3 / Math.sqrt(12.5)), (float) (2 * 4 / Math.sqrt(12.5))}, out,
                    1e-6f);
            assertEquals("model.norm.weight", w.getName());
            assertEquals("x[]", x.getName());
        }
    }
}
