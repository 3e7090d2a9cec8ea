package vlmscope.bench;

import vlmscope.engine.Inputs;
import vlmscope.tensor.DType;

import java.nio.file.Path;

/**
 * A synthetic checkpoint {@code bench engine} measures: the decoder dimensions its FLOP count needs, how to write a
 * random checkpoint of it in the family's hub layout, and a one-image prompt for it.
 */
public sealed interface BenchShape permits LlavaShape, QwenShape {

    /** HF {@code model_type} of the checkpoint. */
    String arch();

    int hidden();

    int layers();

    int heads();

    int kvHeads();

    /** Dh, the width of one attention head. */
    default int headDim() {
        return hidden() / heads();
    }

    /** Width of the key (or value) projection: key/value heads × Dh. */
    default long kvWidth() {
        return (long) kvHeads() * headDim();
    }

    int intermediate();

    int vocab();

    /** Decoder rows one image occupies. */
    int imageTokens();

    /** Parameters of one decoder block. */
    long blockParams();

    /** Decoder parameters: blocks, embedding, final norm and lm_head (counted once when tied). */
    long decoderParams();

    /** Writes a random checkpoint of this shape in {@code dir} unless it already holds one of this shape, dtype and seed. */
    void ensureCheckpoint(Path dir, DType dtype, long seed);

    /** One image (random pixels) expanded to {@link #imageTokens()} rows, then {@code textTokens} random text tokens. */
    Inputs inputs(Path checkpointDir, int textTokens);
}
