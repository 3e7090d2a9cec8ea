package vlmscope.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import vlmscope.hooks.Hooks;

import java.nio.file.Path;

/**
 * What every family's model shares around its own vision side: the checkpoint folder, the native memory manager,
 * the {@link Compute} of the load's precision, and a {@link Decoder} that embeds text, runs the blocks and the head.
 * A family's constructor opens its weights and builds its parts; on failure it hands them to {@link #failedLoad}.
 */
public abstract class DecoderModel implements VisionLanguageModel {

    private final Path dir;
    private final NDManager manager;
    private final Compute compute;

    /** Applies the load's intra-op threads, then opens a base manager and the precision's compute. */
    protected DecoderModel(Path dir, LoadOptions options) {
        options.applyThreads();
        this.dir = dir;
        this.manager = Engine.getEngine("PyTorch").newBaseManager();
        this.compute = Computes.create(options.precision());
    }

    /** The language model the shared methods delegate to. */
    protected abstract Decoder decoder();

    /** Releases the checkpoint's tensors (after the manager is closed). */
    protected abstract void closeWeights();

    protected final Compute compute() {
        return compute;
    }

    /** Closes what a failed constructor opened ({@code weights} may be null) and returns {@code e} to rethrow. */
    protected final RuntimeException failedLoad(AutoCloseable weights, RuntimeException e) {
        try {
            if (weights != null) weights.close();
        } catch (Exception closing) {
            e.addSuppressed(closing);
        }
        manager.close();
        return e;
    }

    @Override
    public final Path directory() {
        return dir;
    }

    @Override
    public final Precision precision() {
        return compute.precision();
    }

    @Override
    public final NDManager manager() {
        return manager;
    }

    @Override
    public int numLayers() {
        return decoder().numLayers();
    }

    /** d, the decoder's width (the embedding's columns). */
    @Override
    public int hiddenSize() {
        return (int) decoder().ends().embedTokens().getShape().get(1);
    }

    /** V, the embedding's rows. */
    @Override
    public int vocabSize() {
        return (int) decoder().ends().embedTokens().getShape().get(0);
    }

    @Override
    public NDArray runBlocks(NDArray x, PositionIds positions, int fromBlock, KvCache cache, Hooks hooks, NDManager owner) {
        return decoder().runBlocks(x, positions, fromBlock, cache, hooks, owner);
    }

    @Override
    public NDArray head(NDArray x, int p0, boolean allPositions, Hooks hooks, NDManager owner) {
        return decoder().head(x, p0, allPositions, hooks, owner);
    }

    @Override
    public NDArray embedText(int[] ids, NDManager owner) {
        return compute.activation(decoder().embed(ids, owner));
    }

    @Override
    public void close() {
        manager.close();
        closeWeights();
    }
}
