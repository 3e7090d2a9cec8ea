package vlmscope.model;

/**
 * Where a loaded model's weights live.
 * <ul>
 *   <li>{@link #COPIED} (default): copied once into anonymous memory, and the checkpoint file is unmapped. Loading
 *   costs one pass over the weights, but anonymous memory gets transparent huge pages, which makes the
 *   bandwidth-bound few-token GEMMs of suffix recomputation and generation ~4x faster than over the file mapping
 *   (measured on the 1B benchmark model, BENCHMARKS.md).</li>
 *   <li>{@link #MAPPED}: zero-copy views of the memory-mapped checkpoint (where the dtype allows): instant load and
 *   no extra memory, slower small-batch runs (file pages are 4 KiB pages).</li>
 * </ul>
 */
public enum WeightResidency {
    COPIED, MAPPED
}
