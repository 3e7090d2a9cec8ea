package vlmscope.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * How a checkpoint is loaded.
 *
 * @param intraOpThreads libtorch intra-op threads to set before loading, or 0 to leave libtorch's setting alone.
 *                       libtorch has one thread pool per process, so this applies to every model of the process.
 */
public record LoadOptions(Precision precision, WeightResidency residency, int intraOpThreads) {

    /** Decoder width up to which a model counts as small (organisms, fixtures) and runs on one intra-op thread. */
    public static final int SMALL_MODEL_HIDDEN = 256;

    public LoadOptions {
        if (intraOpThreads < 0) throw new IllegalArgumentException("intra-op threads must be >= 0, got " + intraOpThreads);
    }

    /**
     * The project's default for a checkpoint: weights copied, and one intra-op thread for small models (decoder width
     * &lt;= {@value #SMALL_MODEL_HIDDEN}) unless {@code -Dai.djl.pytorch.num_threads} is set: ops of a small model are
     * too small to split, and two OpenMP threads on a busy machine made each op 10-100x slower.
     */
    public static LoadOptions standard(Checkpoint checkpoint, Precision precision) {
        boolean small = checkpoint.decoderWidth() <= SMALL_MODEL_HIDDEN && System.getProperty("ai.djl.pytorch.num_threads") == null;
        return new LoadOptions(precision, WeightResidency.COPIED, small ? 1 : 0);
    }

    public LoadOptions withResidency(WeightResidency r) {
        return new LoadOptions(precision, r, intraOpThreads);
    }

    /** Sets libtorch's intra-op threads when asked for (before a load, so the weights' ops use them). */
    public void applyThreads() {
        if (intraOpThreads > 0) {
            Engine.getEngine("PyTorch");
            JniUtils.setNumThreads(intraOpThreads);
        }
    }
}
