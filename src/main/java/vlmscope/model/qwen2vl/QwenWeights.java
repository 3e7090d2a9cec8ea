package vlmscope.model.qwen2vl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import vlmscope.VlmscopeException;
import vlmscope.model.Compute;
import vlmscope.tensor.WeightStore;

/**
 * A Qwen2-VL / Qwen2.5-VL checkpoint's tensors by their hub names ({@code model.…} decoder, {@code visual.…}
 * vision tower and merger, {@code lm_head.weight}), each checked against the shape config.json implies and loaded
 * as float32 (F16 / BF16 tensors are widened exactly), then put in the {@link Compute}'s precision.
 */
public final class QwenWeights implements AutoCloseable {

    private final Path dir;
    private final WeightStore store;
    private final NDManager manager;
    private final Compute compute;

    public QwenWeights(Path dir, NDManager manager, Compute compute) {
        this.dir = dir;
        this.store = WeightStore.open(dir);
        this.manager = manager;
        this.compute = compute;
    }

    Compute compute() {
        return compute;
    }

    NDArray load(String name, long... shape) {
        if (!store.contains(name)) {
            throw VlmscopeException.badInput(dir, "missing tensor " + name,
                    "check that the checkpoint is complete and matches config.json");
        }
        return compute.weight(store.load(name, manager, shape));
    }

    boolean has(String name) {
        return store.contains(name);
    }

    @Override
    public void close() {
        store.close();
    }
}
