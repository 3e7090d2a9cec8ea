package vlmscope.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reads the HF-written tiny LLaVA fixture (float32, hub tensor names, metadata {"format":"pt"}). */
class LlavaFixtureWeightsTest {

    private static final Path FIXTURE = Path.of("fixtures/llava-tiny-1234");

    @Test
    void listsHubNamesAndLoadsLmHeadBothWays() {
        assumeTrue(Files.isDirectory(FIXTURE), "fixture folder not present on this machine");
        try (NDManager manager = NDManager.newBaseManager();
                SafetensorsFile st = SafetensorsFile.open(FIXTURE.resolve("model.safetensors"))) {
            assertEquals(89, st.names().size());
            assertEquals(Map.of("format", "pt"), st.metadata());
            TensorInfo head = st.info("language_model.lm_head.weight");
            assertEquals(DType.F32, head.dtype());
            assertArrayEquals(new long[] {32064, 32}, head.shape());
            float[] viaJava = st.readFloats("language_model.lm_head.weight"); // [32064 * 32]
            try (NDArray viaDjl = st.toNDArray("language_model.lm_head.weight", manager)) { // [32064, 32]
                assertArrayEquals(new long[] {32064, 32}, viaDjl.getShape().getShape());
                assertArrayEquals(viaJava, viaDjl.toFloatArray());
            }
        }
        try (NDManager manager = NDManager.newBaseManager(); WeightStore store = WeightStore.open(FIXTURE);
                NDArray norm = store.load("language_model.model.norm.weight", manager, 32)) { // [32]
            assertEquals(32, norm.size());
        }
    }
}
