package vlmscope.model.qwen2vl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import vlmscope.VlmscopeException;
import vlmscope.model.Compute;
import vlmscope.model.DecoderWeights;
import vlmscope.tensor.WeightStore;

/**
 * A Qwen2-VL / Qwen2.5-VL checkpoint's tensors by their hub names ({@code model.…} decoder, {@code visual.…}
 * vision tower and merger, {@code lm_head.weight}), each checked against the shape config.json implies and loaded
 * as float32 (F16 / BF16 tensors are widened exactly), then put in the {@link Compute}'s precision.
 */
public final class QwenWeights implements DecoderWeights, AutoCloseable {

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

    /** Decoder tensor by its name inside the language model's {@code model.} (e.g. {@code layers.0.mlp.up_proj.weight}). */
    @Override
    public NDArray text(String name, long... shape) {
        return load("model." + name, shape);
    }

    @Override
    public boolean hasLmHead() {
        return has("lm_head.weight");
    }

    @Override
    public NDArray lmHead(long... shape) {
        return load("lm_head.weight", shape);
    }

    @Override
    public void close() {
        store.close();
    }
}
