package vlmscope.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.VlmscopeException;

class WeightStoreTest {

    private static NDManager manager;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEngine() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void stopEngine() {
        manager.close();
    }

    private static String messageOf(Runnable action) {
        return assertThrows(VlmscopeException.class, action::run).getMessage();
    }

    /** Two shards: embed (F32) + norm (BF16) in shard 1, head (F32) in shard 2, plus the index. */
    private Path sharded(String extraIndexEntry) throws IOException {
        new SafetensorsWriter().add("model.embed.weight", new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 3, 2)
                .addBf16("model.norm.weight", new float[] {0.5f, -1f}, 2)
                .write(dir.resolve("model-00001-of-00002.safetensors"));
        new SafetensorsWriter().add("lm_head.weight", new float[] {7f, 8f}, 1, 2)
                .write(dir.resolve("model-00002-of-00002.safetensors"));
        Files.writeString(dir.resolve(WeightStore.INDEX_FILE), """
                {"metadata": {"total_size": 40},
                 "weight_map": {"model.embed.weight": "model-00001-of-00002.safetensors",
                                "model.norm.weight": "model-00001-of-00002.safetensors",
                                %s
                                "lm_head.weight": "model-00002-of-00002.safetensors"}}
                """.formatted(extraIndexEntry));
        return dir;
    }

    @Test
    void singleFileCheckpoint() {
        new SafetensorsWriter().add("w", new float[] {1f, 2f}, 2).write(dir.resolve(WeightStore.SINGLE_FILE));
        try (WeightStore store = WeightStore.open(dir); NDArray w = store.load("w", manager, 2)) {
            assertEquals(List.of("w"), List.copyOf(store.names()));
            assertArrayEquals(new float[] {1f, 2f}, w.toFloatArray());
        }
    }

    @Test
    void shardedCheckpointLoadsFromBothShards() throws IOException {
        try (WeightStore store = WeightStore.open(sharded(""))) {
            assertEquals(List.of("lm_head.weight", "model.embed.weight", "model.norm.weight"),
                    List.copyOf(store.names()));
            assertTrue(store.contains("lm_head.weight"));
            assertFalse(store.contains("model.lm_head.weight"));
            assertEquals(DType.BF16, store.info("model.norm.weight").dtype());
            try (NDArray embed = store.load("model.embed.weight", manager, 3, 2); // [3, 2]
                    NDArray norm = store.load("model.norm.weight", manager); // [2]
                    NDArray head = store.load("lm_head.weight", manager, 1, 2)) { // [1, 2]
                assertArrayEquals(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, embed.toFloatArray());
                assertArrayEquals(new float[] {0.5f, -1f}, norm.toFloatArray());
                assertArrayEquals(new float[] {7f, 8f}, head.toFloatArray());
            }
        }
    }

    @Test
    void firstPresentPicksTheFirstNameTheCheckpointHas() throws IOException {
        try (WeightStore store = WeightStore.open(sharded(""))) {
            assertEquals(Optional.of("lm_head.weight"),
                    store.firstPresent("language_model.lm_head.weight", "lm_head.weight", "model.embed.weight"));
            assertEquals(Optional.empty(), store.firstPresent("a", "b"));
        }
    }

    @Test
    void shapeNotMatchingConfig() throws IOException {
        try (WeightStore store = WeightStore.open(sharded(""))) {
            Path shard = dir.resolve("model-00001-of-00002.safetensors").toAbsolutePath();
            String message = messageOf(() -> store.load("model.embed.weight", manager, 2, 3));
            assertTrue(message.startsWith(shard + ": shape not matching config: model.embed.weight has shape"
                    + " [3, 2] in model-00001-of-00002.safetensors but config.json implies [2, 3]. Fix: "), message);
        }
    }

    @Test
    void missingTensorNamesWhereItLooked() throws IOException {
        new SafetensorsWriter().add("w", new float[] {1f}, 1).write(dir.resolve(WeightStore.SINGLE_FILE));
        try (WeightStore store = WeightStore.open(dir)) {
            String message = messageOf(() -> store.load("v", manager));
            assertTrue(message.startsWith(dir.resolve(WeightStore.SINGLE_FILE) + ": missing tensor v (looked in"
                    + " model.safetensors). Fix: check the checkpoint is complete / matches config.json"), message);
        }
    }

    @Test
    void tensorListedInTheIndexButAbsentFromItsShard() throws IOException {
        try (WeightStore store = WeightStore.open(sharded("\"ghost\": \"model-00002-of-00002.safetensors\","))) {
            assertTrue(store.contains("ghost"));
            String message = messageOf(() -> store.load("ghost", manager));
            assertTrue(message.startsWith(dir.resolve("model-00002-of-00002.safetensors").toAbsolutePath()
                    + ": missing tensor ghost"), message);
        }
    }

    @Test
    void shardListedButAbsent() throws IOException {
        sharded("\"extra\": \"model-00003-of-00003.safetensors\",");
        String message = messageOf(() -> WeightStore.open(dir));
        assertTrue(message.startsWith(dir.resolve(WeightStore.INDEX_FILE) + ": shard model-00003-of-00003"
                + ".safetensors is listed (for extra) but absent. Fix: "), message);
    }

    @Test
    void indexJsonInvalid() throws IOException {
        Path index = Files.writeString(dir.resolve(WeightStore.INDEX_FILE), "{\"weight_map\": {\"a\": ");
        assertTrue(messageOf(() -> WeightStore.open(dir)).startsWith(index + ": index JSON invalid"));
        Files.writeString(index, "{\"metadata\": {}}");
        assertTrue(messageOf(() -> WeightStore.open(dir)).startsWith(index + ": index JSON invalid: no"
                + " \"weight_map\" object"));
        Files.writeString(index, "{\"weight_map\": {\"a\": \"../elsewhere.safetensors\"}}");
        assertTrue(messageOf(() -> WeightStore.open(dir)).startsWith(index + ": index JSON invalid: tensor a"));
    }

    @Test
    void folderWithoutWeightsSaysWhatWasExpected() throws IOException {
        Files.writeString(dir.resolve("pytorch_model.bin"), "not really");
        String message = messageOf(() -> WeightStore.open(dir));
        assertTrue(message.startsWith(dir + ": no weights: expected model.safetensors or"
                + " model.safetensors.index.json (found pytorch_model.bin). Fix: "), message);
    }
}
