package vlmscope.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
import vlmscope.engine.HookedModel;
import vlmscope.engine.PatchedRun;
import vlmscope.engine.PositionEdit;
import vlmscope.engine.RunResult;
import vlmscope.hooks.Sites;
import vlmscope.engine.Trace;
import vlmscope.engine.TraceSpec;
import vlmscope.engine.Inputs;
import vlmscope.model.Checkpoint;
import vlmscope.model.LoadOptions;
import vlmscope.model.Precision;
import vlmscope.model.VisionLanguageModel;
import vlmscope.model.WeightResidency;
import vlmscope.model.registry.ModelRegistry;
import vlmscope.tensor.DType;
import vlmscope.tensor.TorchKernels;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code vlmscope bench engine}: on a random-initialised checkpoint of a {@link BenchShape} (LLaVA or Qwen2.5-VL
 * layout, loaded through the model registry like any checkpoint), per precision — load time and RSS,
 * seconds per clean forward and achieved GFLOP/s against the GEMM rate measured in the same run, and the cost of an
 * object-token patching sweep over every layer: one suffix-recomputed run at a time, batched ({@link HookedModel#runBatch}),
 * batched across two samples of one prompt length ({@link HookedModel#runBatchAcrossSamples}) against one sample at a time,
 * and full reruns. All ratios come from one
 * process; headline figures are printed last as {@code key=value} lines.
 *
 * @param textTokens random text tokens after the image
 * @param threads    libtorch intra-op threads
 * @param workDir    where the random checkpoints are written (and reused)
 * @param repeats    timed repetitions of each measurement (the best counts)
 * @param out        where progress and the headline lines are printed
 */
public record EngineBenchmark(BenchShape shape, int textTokens, int threads, Path workDir, int repeats, PrintWriter out) {

    public Map<String, String> run(List<Precision> precisions, List<WeightResidency> residencies) throws Exception {
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
        Map<String, String> headline = new LinkedHashMap<>();
        out.printf(Locale.ROOT, "shape: %s%ndecoder params: %.3f B, sequence: %d image + %d text tokens, intra-op threads: %d%n",
                shape, shape.decoderParams() / 1e9, shape.imageTokens(), textTokens, threads);
        headline.put("arch", shape.arch());
        // libtorch asks for transparent huge pages (madvise) only when THP_MEM_ALLOC_ENABLE=1; on a host in madvise
        // mode its buffers otherwise get 4 KiB pages (bin/vlmscope sets it).
        String thpMode = ProcessMemory.transparentHugePageMode();
        String thpAlloc = String.valueOf(System.getenv("THP_MEM_ALLOC_ENABLE"));
        out.printf("host transparent huge pages: %s; THP_MEM_ALLOC_ENABLE=%s%n", thpMode, thpAlloc);
        headline.put("thp_mode", thpMode);
        headline.put("thp_mem_alloc_enable", thpAlloc);
        for (Precision p : precisions) {
            for (WeightResidency r : residencies) measure(p, r, headline);
        }
        out.println("--- headline ---");
        headline.forEach((k, v) -> out.println(k + "=" + v));
        return headline;
    }

    /** Measures one precision and weight residency, adding its {@code key=value} figures to {@code headline}. */
    private void measure(Precision precision, WeightResidency residency, Map<String, String> headline) throws Exception {
        String tag = precision.name().toLowerCase(Locale.ROOT) + (residency == WeightResidency.MAPPED ? "_mapped" : "");
        DType dtype = precision == Precision.FP32 ? DType.F32 : DType.BF16;
        Path dir = workDir.resolve(tag);
        out.printf("[%s] writing/reusing random checkpoint in %s ...%n", tag, dir);
        shape.ensureCheckpoint(dir, dtype, 7);
        long bytes = Files.size(dir.resolve("model.safetensors"));
        System.gc();
        long rssBefore = ProcessMemory.rss();
        long t0 = System.nanoTime();
        Checkpoint checkpoint = Checkpoint.open(dir);
        try (VisionLanguageModel model = ModelRegistry.load(checkpoint, LoadOptions.standard(checkpoint, precision).withResidency(residency))) {
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            long rssAfterLoad = ProcessMemory.rss();
            HookedModel hooked = new HookedModel(model);
            Inputs inputs = shape.inputs(dir, textTokens);
            int t = inputs.length();
            headline.putIfAbsent("sequence_tokens", String.valueOf(t));
            out.printf(Locale.ROOT, "[%s] checkpoint %.2f GB, load %.2f s, RSS +%.2f GB after load; sequence %d tokens%n", tag,
                    bytes / 1e9, loadSeconds, (rssAfterLoad - rssBefore) / 1e9, t);

            try (RunResult warm = hooked.run(inputs, List.of(), Set.of())) {
                out.printf("[%s] warm-up forward done%n", tag);
            }
            double forward = Double.MAX_VALUE;
            for (int r = 0; r < repeats; r++) {
                long s = System.nanoTime();
                try (RunResult ignored = hooked.run(inputs, List.of(), Set.of())) {
                    forward = Math.min(forward, (System.nanoTime() - s) / 1e9);
                }
            }
            long rssAfterForward = ProcessMemory.rss();
            double flops = forwardFlops(t);
            double gemmRate = gemmRate(model, precision, t);
            double achieved = flops / forward / 1e9;
            out.printf(Locale.ROOT, "[%s] clean forward %.3f s (best of %d) = %.1f GFLOP/s; GEMM [%d x %d x %d] %.1f GFLOP/s -> %.0f%%%n",
                    tag, forward, repeats, achieved, t, shape.hidden(), shape.intermediate(), gemmRate, 100 * achieved / gemmRate);

            int[] objectTokens = {t - 12, t - 9};
            double suffixSweep;
            double batchedSweep;
            double crossSample;
            double fullSweep;
            double traceSeconds;
            long s0 = System.nanoTime();
            try (Trace trace = hooked.trace(inputs, TraceSpec.residuals())) {
                traceSeconds = (System.nanoTime() - s0) / 1e9;
                float[][] patch = randomRows(objectTokens.length, shape.hidden());
                try (RunResult warm = hooked.run(trace, List.of(PositionEdit.replace(Sites.residPost(0), objectTokens, patch)), Set.of())) {
                    out.printf("[%s] warm-up suffix run done%n", tag);
                }
                long s1 = System.nanoTime();
                for (int l = 0; l < model.numLayers(); l++) {
                    try (RunResult r = hooked.run(trace, List.of(PositionEdit.replace(Sites.residPost(l), objectTokens, patch)), Set.of())) {
                        if (r.suffixStart() != objectTokens[0]) throw new IllegalStateException("suffix recomputation not used");
                    }
                }
                suffixSweep = (System.nanoTime() - s1) / 1e9;
                List<PatchedRun> runs = new ArrayList<>();
                for (int l = 0; l < model.numLayers(); l++) {
                    runs.add(PatchedRun.of(List.of(PositionEdit.replace(Sites.residPost(l), objectTokens, patch))));
                }
                hooked.runBatch(trace, runs.subList(0, 2)).forEach(RunResult::close);
                out.printf("[%s] warm-up batched sweep done%n", tag);
                long sb = System.nanoTime();
                List<RunResult> batch = hooked.runBatch(trace, runs);
                batchedSweep = (System.nanoTime() - sb) / 1e9;
                for (RunResult r : batch) {
                    if (r.suffixStart() != objectTokens[0]) throw new IllegalStateException("suffix recomputation not used");
                    r.close();
                }
                crossSample = crossSampleRatio(hooked, trace, runs);
                long s2 = System.nanoTime();
                for (int l = 0; l < model.numLayers(); l++) {
                    try (RunResult ignored = hooked.run(inputs, List.of(PositionEdit.replace(Sites.residPost(l), objectTokens, patch)), Set.of())) {
                        out.printf("\r[%s] full-rerun sweep: layer %d/%d", tag, l + 1, model.numLayers());
                    }
                }
                out.println();
                fullSweep = (System.nanoTime() - s2) / 1e9;
            }
            long peak = ProcessMemory.peakRss();
            out.printf(Locale.ROOT, "[%s] sweep over %d layers (2 object tokens): suffix %.3f s, batched %.3f s, full reruns %.1f s (%.1fx); clean trace %.3f s%n",
                    tag, model.numLayers(), suffixSweep, batchedSweep, fullSweep, fullSweep / suffixSweep, traceSeconds);
            out.printf(Locale.ROOT, "[%s] the sweep on 2 samples of one prompt length: batched across samples / one sample at a time = %.3f%n",
                    tag, crossSample);
            out.printf(Locale.ROOT, "[%s] RSS: +%.2f GB after forwards, peak %.2f GB; checkpoint %.2f GB%n", tag,
                    (rssAfterForward - rssBefore) / 1e9, peak / 1e9, bytes / 1e9);
            long rssNow = ProcessMemory.rss(), hugeNow = ProcessMemory.anonHugePages();
            double hugeShare = rssNow > 0 && hugeNow >= 0 ? (double) hugeNow / rssNow : Double.NaN;
            out.printf(Locale.ROOT, "[%s] huge pages: %.2f GB of %.2f GB RSS (%.0f%%)%n", tag, hugeNow / 1e9, rssNow / 1e9,
                    100 * hugeShare);
            headline.put(tag + "_forward_seconds", fmt(forward));
            headline.put(tag + "_forward_gflops", fmt(achieved));
            headline.put(tag + "_gemm_gflops", fmt(gemmRate));
            headline.put(tag + "_fraction_of_matmul_rate", fmt(achieved / gemmRate));
            headline.put(tag + "_sweep_suffix_seconds", fmt(suffixSweep));
            headline.put(tag + "_sweep_full_rerun_seconds", fmt(fullSweep));
            headline.put(tag + "_sweep_vs_clean_forward", fmt(suffixSweep / forward));
            headline.put(tag + "_sweep_batched_seconds", fmt(batchedSweep));
            headline.put(tag + "_batched_sweep_vs_clean_forward", fmt(batchedSweep / forward));
            headline.put(tag + "_full_rerun_sweep_vs_batched_sweep", fmt(fullSweep / batchedSweep));
            headline.put(tag + "_cross_sample_batched_vs_per_sample", fmt(crossSample));
            headline.put(tag + "_sweep_with_two_traces_vs_clean_forward", fmt((suffixSweep + 2 * traceSeconds) / forward));
            headline.put(tag + "_full_rerun_sweep_vs_suffix_sweep", fmt(fullSweep / suffixSweep));
            headline.put(tag + "_load_seconds", fmt(loadSeconds));
            headline.put(tag + "_load_rss_vs_bytes", fmt((double) (rssAfterLoad - rssBefore) / bytes));
            headline.put(tag + "_after_forward_rss_vs_bytes", fmt((double) (rssAfterForward - rssBefore) / bytes));
            headline.put(tag + "_peak_rss_gb", fmt(peak / 1e9));
            headline.put(tag + "_huge_page_share_of_rss", fmt(hugeShare));
        }
    }

    /**
     * The sweep {@code runs} on two samples of one prompt length (the benchmark input and the same prompt with another
     * last token, traced here): seconds of one {@link HookedModel#runBatchAcrossSamples} call over both, divided by
     * seconds of {@link HookedModel#runBatch} on each sample in turn. Below 1: batching across samples pays.
     */
    private static double crossSampleRatio(HookedModel hooked, Trace first, List<PatchedRun> runs) {
        int[] ids = first.inputs().ids().clone();
        ids[ids.length - 1] = ids[ids.length - 1] == 2 ? 3 : 2;                              // another last text token
        try (Trace second = hooked.trace(new Inputs(ids, first.inputs().images()), TraceSpec.residuals())) {
            long s0 = System.nanoTime();
            for (Trace trace : List.of(first, second)) hooked.runBatch(trace, runs).forEach(RunResult::close);
            double perSample = (System.nanoTime() - s0) / 1e9;
            long s1 = System.nanoTime();
            List<List<RunResult>> together = hooked.runBatchAcrossSamples(
                    List.of(new HookedModel.SampleRuns(first, runs), new HookedModel.SampleRuns(second, runs)));
            double crossSample = (System.nanoTime() - s1) / 1e9;
            together.forEach(sample -> sample.forEach(RunResult::close));
            return crossSample / perSample;
        }
    }

    /** Multiply-adds of one forward x2: decoder linears at every position, attention scores and mixing, last-position lm_head. */
    private double forwardFlops(int t) {
        double linears = 2.0 * t * shape.layers() * (shape.blockParams() - 2L * shape.hidden());
        double attention = shape.layers() * 2.0 * 2.0 * t * (double) t * shape.hidden();
        double head = 2.0 * shape.vocab() * shape.hidden();
        return linears + attention + head;
    }

    /** The best rate of a [t, hidden] x [intermediate, hidden]^T GEMM in this precision, in GFLOP/s. */
    private double gemmRate(VisionLanguageModel model, Precision precision, int t) {
        try (NDManager m = model.manager().newSubManager()) {
            TorchKernels kernels = precision == Precision.BF16 ? TorchKernels.load(m) : null;
            NDArray x = m.randomNormal(new Shape(t, shape.hidden()));
            NDArray w = m.randomNormal(new Shape(shape.intermediate(), shape.hidden()));
            if (kernels != null) {
                x = kernels.toBf16(x);
                w = kernels.toBf16(w);
            }
            double best = Double.MAX_VALUE;
            for (int r = 0; r < 5; r++) {
                long s = System.nanoTime();
                NDArray y = Linear.linear(x, w).get(0);
                y.get(0).toType(DataType.FLOAT32, false).toFloatArray(); // force completion
                best = Math.min(best, (System.nanoTime() - s) / 1e9);
                y.close();
            }
            if (kernels != null) kernels.close();
            return 2.0 * t * shape.hidden() * shape.intermediate() / best / 1e9;
        }
    }

    private static float[][] randomRows(int n, int d) {
        SplittableRandom r = new SplittableRandom(9);
        float[][] rows = new float[n][d];
        for (float[] row : rows) for (int i = 0; i < d; i++) row[i] = (float) r.nextGaussian();
        return rows;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static List<Precision> parse(String list) {
        List<Precision> out = new ArrayList<>();
        for (String s : list.split(",")) out.add(Precision.parse(s.strip()));
        return out;
    }
}
