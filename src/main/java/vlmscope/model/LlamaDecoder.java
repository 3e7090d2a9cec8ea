package vlmscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import vlmscope.hooks.Hooks;
import vlmscope.hooks.Sites;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The Llama language model of LLaVA: token embedding, N {@link LlamaBlock}s, final RMSNorm and an untied lm_head.
 * {@link #runBlocks} runs any contiguous range of blocks over any suffix of positions, reading the keys and values
 * of earlier positions from a {@link KvCache}: the basis of suffix recomputation and of generation.
 */
public final class LlamaDecoder extends Decoder {

    private final Compute compute;
    private final LlamaBlock[] blocks;

    public LlamaDecoder(TextConfig cfg, DecoderWeights w, Compute compute, NDManager manager) {
        super(DecoderEnds.read(w, compute, cfg.vocabSize(), cfg.hiddenSize(), cfg.tieWordEmbeddings(), cfg.rmsNormEps()),
                cfg.numLayers());
        this.compute = compute;
        Rope rope = new Rope(manager, cfg.headDim(), cfg.ropeTheta(), compute);
        blocks = new LlamaBlock[cfg.numLayers()];
        for (int l = 0; l < blocks.length; l++) blocks[l] = new LlamaBlock(l, cfg, w, compute, rope);
    }

    /**
     * Runs blocks {@code fromBlock .. N-1} on the residual {@code x} [t, d] of rows {@code p0 .. p0+t-1}
     * (p0 = {@code positions.offset()}), rotated by {@code positions}.
     * {@code cache} must hold exactly positions {@code [0, p0)} of every block run; their new K/V are appended.
     * Intermediate and final residuals are owned by {@code owner}.
     *
     * @return [t, d] output of the last block (HF's raw last-layer residual, before the final norm)
     */
    @Override
    public NDArray runBlocks(NDArray x, PositionIds positions, int fromBlock, KvCache cache, Hooks hooks, NDManager owner) {
        return DecoderEnds.runBlocks(x, positions, fromBlock, blocks.length, cache, owner,
                (l, in, mask) -> blocks[l].forward(in, positions, mask, cache, hooks));
    }

    /** Fewest suffix rows for which a batched GEMM rounds each run's rows exactly as that run's own GEMM. */
    public static final int EXACT_BATCH_ROWS = 4;

    /**
     * Batched suffix recomputation ({@link VisionLanguageModel#runSuffixes}): block by block, every run whose start
     * block has been reached is stacked into one [R, t, d] batch, so each block's weights are read once for all of
     * them; attention runs per run over the clean rows &lt; p0 of the run's {@code prefix} (one shared cache, or one
     * per sample) followed by the run's own suffix rows.
     * Hooks are visited per run, with the same slices and offsets as {@link #runBlocks} followed by {@link #head}.
     *
     * <p>Exactness: each run's rows equal its own run's bit for bit in fp32 when the suffix has at least
     * {@link #EXACT_BATCH_ROWS} rows. A GEMM over fewer rows takes the BLAS small-matrix path, whose summation order
     * differs from the batched GEMM's (≈1e-5 relative), so callers run shorter suffixes one at a time. The lm_head
     * runs per run on its one last row for the same reason, and RMSNorms run per run (a reduction over many rows
     * sums in another order).
     *
     * @return per run, in the given order: float32 [1, V] last-row logits owned by {@code owner}
     */
    public List<NDArray> runSuffixes(List<SuffixRun> runs, PositionIds positions, NDManager owner) {
        if (runs.isEmpty()) return List.of();
        int p0 = positions.offset();
        int t = positions.length();
        Integer[] order = new Integer[runs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            SuffixRun run = runs.get(i);
            if (run.x().getShape().get(0) != t) {
                throw new IllegalArgumentException("run " + i + " has " + run.x().getShape().get(0) + " rows but " + t + " position ids");
            }
            if (run.fromBlock() < 0 || run.fromBlock() > blocks.length) throw new IllegalArgumentException("run " + i + " starts at block " + run.fromBlock());
            for (int l = run.fromBlock(); l < blocks.length && p0 > 0; l++) {
                if (run.prefix().length(l) < p0) {
                    throw new IllegalStateException("KV cache of block " + l + " holds " + run.prefix().length(l) + " positions, expected at least " + p0);
                }
            }
        }
        Arrays.sort(order, Comparator.comparingInt(i -> runs.get(i).fromBlock()));
        NDArray[] logits = new NDArray[runs.size()];
        try (NDManager work = owner.newSubManager()) {
            NDArray mask = DecoderEnds.causalMask(p0, t, work);                                     // [t, p0 + t]
            List<Hooks> live = new ArrayList<>();
            List<KvCache> prefixes = new ArrayList<>();
            NDArray x = null;                                                                    // [R, t, d]
            int next = 0;
            for (int l = runs.get(order[0]).fromBlock(); l <= blocks.length; l++) {
                try (NDScope ignored = new NDScope()) {
                    NDList entering = new NDList();
                    while (next < order.length && runs.get(order[next]).fromBlock() == l) {
                        SuffixRun run = runs.get(order[next++]);
                        entering.add(run.x());
                        live.add(run.hooks());
                        prefixes.add(run.prefix());
                    }
                    NDArray batch = x;
                    if (!entering.isEmpty()) {
                        NDArray joined = NDArrays.stack(entering);                               // [n, t, d]
                        batch = x == null ? joined : NDArrays.concat(new NDList(x, joined), 0);  // [R, t, d]
                    }
                    NDArray out;
                    if (l == blocks.length) {
                        out = batch == x ? x : Scopes.keep(batch, work);                          // runs edited after the last block
                    } else {
                        List<NDArray> prefixK = p0 == 0 ? null : prefixRows(prefixes, l, p0, true);  // R × [KV, p0, Dh]
                        List<NDArray> prefixV = p0 == 0 ? null : prefixRows(prefixes, l, p0, false); // R × [KV, p0, Dh]
                        out = Scopes.keep(blocks[l].forwardBatch(batch, positions, mask, prefixK, prefixV, live), work);
                    }
                    if (x != null && x != out) x.close();
                    x = out;
                }
            }
            try (NDScope ignored = new NDScope()) {
                NDArray normed = LlamaBlock.visitEach(Sites.FINAL_NORM, LlamaBlock.eachRun(x, ends::finalNorm), live, p0); // [R, t, d]
                for (int i = 0; i < order.length; i++) {
                    // one row per run, as head() does: a batched [R, d] GEMM would round differently
                    NDArray last = normed.get(i + ", " + (t - 1) + ":");                          // [1, d]
                    NDArray rowLogits = live.get(i).visit(Sites.LOGITS, compute.toFloat32(ends.logits(last)), p0 + t - 1); // [1, V]
                    logits[order[i]] = Scopes.keep(rowLogits.duplicate(), owner);
                }
            }
        }
        return List.of(logits);
    }

    /**
     * The clean keys (or values) of rows &lt; p0 at block {@code layer} of every live run, in batch order: views into
     * each run's prefix cache (one shared cache, or one per sample).
     *
     * @return per run, [KV, p0, Dh]
     */
    private static List<NDArray> prefixRows(List<KvCache> prefixes, int layer, int p0, boolean keys) {
        List<NDArray> rows = new ArrayList<>();
        for (KvCache c : prefixes) rows.add((keys ? c.keys(layer) : c.values(layer)).get(":, :" + p0)); // [KV, p0, Dh]
        return rows;
    }

}
