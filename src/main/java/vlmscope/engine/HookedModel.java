package vlmscope.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import vlmscope.hooks.Hooks;
import vlmscope.hooks.Intervention;
import vlmscope.hooks.Site;
import vlmscope.hooks.Sites;
import vlmscope.model.KvCache;
import vlmscope.model.PositionIds;
import vlmscope.model.Precision;
import vlmscope.model.Scopes;
import vlmscope.model.SuffixRun;
import vlmscope.model.VisionLanguageModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs any {@link VisionLanguageModel} with hooks: clean traces, patched runs and greedy generation. Every site an
 * intervention, a read or a trace spec names is checked against the model's block counts ({@link SiteCheck}).
 *
 * <p><b>Suffix recomputation</b> (docs/design.md#suffix-recomputation). An intervention at a decoder site of block L whose first touched
 * position is p0 changes nothing at positions &lt; p0 and nothing before block L. A patched run from a
 * {@link Trace} therefore starts from the trace's residual entering that block, at positions p0..T-1 only, and
 * reads the keys/values of positions &lt; p0 from the trace, rotating the suffix by the trace's own position ids.
 * Interventions at vision sites force a full rerun.
 */
public final class HookedModel {

    private final VisionLanguageModel model;
    private final SiteCheck sites;

    public HookedModel(VisionLanguageModel model) {
        this.model = model;
        this.sites = new SiteCheck(model.numLayers(), model.numVisionLayers());
    }

    public VisionLanguageModel model() {
        return model;
    }

    /** A clean run that keeps what {@code spec} asks for, plus every layer's keys/values. */
    public Trace trace(Inputs inputs, TraceSpec spec) {
        sites.check(spec.named());
        NDManager owner = model.manager().newSubManager();
        try {
            Recorder recorder = new Recorder(spec.sites(), owner);
            KvCache cache = new KvCache(model.manager(), model.numLayers());
            PositionIds positions = model.positions(inputs.ids(), inputs.images());
            float[] logits;
            try (NDManager scratch = model.manager().newSubManager()) {
                logits = prefill(inputs, positions, recorder, cache, scratch);
            }
            return new Trace(inputs, positions, owner, cache, recorder.recorded(), logits);
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    /** A full forward with interventions, reading {@code reads} (sites, over all positions). */
    public RunResult run(Inputs inputs, List<? extends Intervention> interventions, Set<Site> reads) {
        validate(interventions, reads, inputs.length());
        NDManager owner = model.manager().newSubManager();
        try (KvCache cache = new KvCache(model.manager(), model.numLayers())) {
            Recorder reader = new Recorder(reads::contains, owner);
            Hooks hooks = chain(interventions).then(reader);
            float[] logits;
            try (NDManager scratch = model.manager().newSubManager()) {
                logits = prefill(inputs, model.positions(inputs.ids(), inputs.images()), hooks, cache, scratch);
            }
            return new RunResult(owner, logits, assemble(reader, null, reads, owner), 0, 0);
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    /**
     * A patched run of a traced input. Uses suffix recomputation whenever every intervention is at a decoder site
     * and the trace kept the residual it must start from; otherwise reruns the whole forward.
     * Reads of positions before the recomputed suffix come from the trace.
     */
    public RunResult run(Trace clean, List<? extends Intervention> interventions, Set<Site> reads) {
        validate(interventions, reads, clean.length());
        Entry entry = entryPoint(clean, interventions, reads);
        if (entry == null) return run(clean.inputs(), interventions, reads);
        NDManager owner = model.manager().newSubManager();
        try (KvCache cache = clean.cache().prefix(entry.position, entry.block)) {
            Recorder reader = new Recorder(reads::contains, owner);
            Hooks hooks = chain(interventions).then(reader);
            float[] logits;
            try (NDManager scratch = model.manager().newSubManager()) {
                NDArray start;
                try (NDScope ignored = new NDScope()) {
                    start = clean.get(entry.sourceSite).get(entry.position + ":").duplicate();     // [T - p0, d]
                    Scopes.keep(start, scratch);
                }
                NDArray x = hooks.visit(entry.sourceSite, start, entry.position);
                PositionIds suffix = clean.positions().from(entry.position);
                NDArray last = model.runBlocks(x, suffix, entry.block, cache, hooks, scratch);
                logits = Arrays2.floats(model.head(last, entry.position, false, hooks, scratch));
            }
            return new RunResult(owner, logits, assemble(reader, clean, reads, owner), entry.position, entry.block);
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    /**
     * A sweep of patched runs over one trace, each with the result {@link #run(Trace, List, Set)} would give it
     * (equal in fp32, to bf16 rounding in bf16), computed together: runs that start at the same position are
     * batched block by block ({@link VisionLanguageModel#runSuffixes}), so each block's weights are read once per
     * batch instead of once per run. Batches hold at most {@link SweepBudget}'s cap of runs; runs that need a full
     * rerun (vision sites) run on their own.
     *
     * @return one result per run, in order; the caller closes each
     */
    public List<RunResult> runBatch(Trace clean, List<PatchedRun> runs) {
        return runBatch(clean, runs, -1);
    }

    /** {@link #runBatch(Trace, List)} reduced to each run's last-position log-probabilities, in order; the results closed. */
    public List<float[]> batchLastLogProbs(Trace clean, List<PatchedRun> runs) {
        return batchLastRows(clean, runs, RunResult::lastLogProbs);   // each [V]
    }

    /** {@link #runBatch(Trace, List)} reduced to each run's last-position logits, in order; the results closed. */
    public List<float[]> batchLastLogits(Trace clean, List<PatchedRun> runs) {
        return batchLastRows(clean, runs, RunResult::lastLogits);   // each [V]
    }

    private List<float[]> batchLastRows(Trace clean, List<PatchedRun> runs, Function<RunResult, float[]> row) {
        List<RunResult> results = runBatch(clean, runs);
        try {
            return results.stream().map(row).toList();
        } finally {
            results.forEach(RunResult::close);
        }
    }

    /** {@link #runBatch(Trace, List)} with at most {@code maxBatch} runs per batch ({@code -1}: {@link SweepBudget}'s cap). */
    public List<RunResult> runBatch(Trace clean, List<PatchedRun> runs, int maxBatch) {
        return runBatchAcrossSamples(List.of(new SampleRuns(clean, runs)), maxBatch).getFirst();
    }

    /**
     * Several samples' sweeps at once, each run with the result {@link #run(Trace, List, Set)} would give it on its
     * own sample's trace: runs of every sample that start at the same position of prompts of one length (with the
     * same position ids) are batched block by block, each attending over its own sample's cached prefix, so a
     * block's weights are read once for all of them. Worth it when each sample has few runs (a steering grid);
     * traces of every sample are held at once.
     *
     * @return per sample, one result per run, in order; the caller closes each
     */
    public List<List<RunResult>> runBatchAcrossSamples(List<SampleRuns> samples) {
        return runBatchAcrossSamples(samples, -1);
    }

    /** {@link #runBatchAcrossSamples(List)} with at most {@code maxBatch} runs per batch ({@code -1}: {@link SweepBudget}'s cap). */
    public List<List<RunResult>> runBatchAcrossSamples(List<SampleRuns> samples, int maxBatch) {
        if (maxBatch == 0 || maxBatch < -1) throw new IllegalArgumentException("batch size must be positive, got " + maxBatch);
        for (SampleRuns sample : samples) {
            for (PatchedRun run : sample.runs()) validate(run.interventions(), run.reads(), sample.clean().length());
        }
        RunResult[][] results = new RunResult[samples.size()][];
        try {
            List<List<Member>> groups = new ArrayList<>();
            for (int s = 0; s < samples.size(); s++) {
                Trace clean = samples.get(s).clean();
                List<PatchedRun> runs = samples.get(s).runs();
                results[s] = new RunResult[runs.size()];
                for (int i = 0; i < runs.size(); i++) {
                    PatchedRun run = runs.get(i);
                    Entry entry = entryPoint(clean, run.interventions(), run.reads());
                    if (entry == null) results[s][i] = run(clean.inputs(), run.interventions(), run.reads());
                    else groupOf(groups, clean, entry.position).add(new Member(clean, run, entry, s, i));
                }
            }
            for (List<Member> group : groups) {
                Trace first = group.getFirst().clean();
                int suffix = first.length() - group.getFirst().entry().position;
                int cap = maxBatch > 0 ? maxBatch : SweepBudget.cap(SweepBudget.availableBytes(), first.length(), suffix,
                        model.hiddenSize(), model.precision() == Precision.BF16 ? 2 : 4);
                for (int from = 0; from < group.size(); from += cap) {
                    runTogether(group.subList(from, Math.min(group.size(), from + cap)), results);
                }
            }
            List<List<RunResult>> out = new ArrayList<>();
            for (RunResult[] sample : results) out.add(List.of(sample));
            return out;
        } catch (RuntimeException e) {
            for (RunResult[] sample : results) {
                if (sample != null) for (RunResult r : sample) if (r != null) r.close();
            }
            throw e;
        }
    }

    /** One sample's clean trace and the patched runs to compute over it. */
    public record SampleRuns(Trace clean, List<PatchedRun> runs) {
    }

    /** Run {@code index} of sample {@code sample}, entering at {@code entry} of its trace. */
    private record Member(Trace clean, PatchedRun run, Entry entry, int sample, int index) {
    }

    /**
     * The group of runs that can share a batch with one entering {@code clean} at {@code position}: same start
     * position, same prompt length and same position ids (so one suffix rotation and mask serve all).
     */
    private static List<Member> groupOf(List<List<Member>> groups, Trace clean, int position) {
        for (List<Member> group : groups) {
            Member m = group.getFirst();
            if (m.entry().position == position && (m.clean() == clean || samePositions(m.clean().positions(), clean.positions()))) {
                return group;
            }
        }
        List<Member> group = new ArrayList<>();
        groups.add(group);
        return group;
    }

    private static boolean samePositions(PositionIds a, PositionIds b) {
        return a.offset() == b.offset() && Arrays.deepEquals(a.ids(), b.ids());
    }

    /** One batch: members that start at the same position of prompts with the same position ids. */
    private void runTogether(List<Member> batch, RunResult[][] results) {
        int p0 = batch.getFirst().entry().position;
        List<NDManager> owners = new ArrayList<>();
        try (NDManager scratch = model.manager().newSubManager()) {
            List<Recorder> readers = new ArrayList<>();
            List<SuffixRun> suffixRuns = new ArrayList<>();
            for (Member m : batch) {
                NDManager owner = model.manager().newSubManager();
                owners.add(owner);
                Recorder reader = new Recorder(m.run().reads()::contains, owner);
                readers.add(reader);
                Hooks hooks = chain(m.run().interventions()).then(reader);
                NDArray start;
                try (NDScope ignored = new NDScope()) {
                    start = m.clean().get(m.entry().sourceSite).get(p0 + ":").duplicate();           // [T - p0, d]
                    Scopes.keep(start, scratch);
                }
                suffixRuns.add(new SuffixRun(hooks.visit(m.entry().sourceSite, start, p0), m.entry().block, hooks, m.clean().cache()));
            }
            List<NDArray> logits = model.runSuffixes(suffixRuns, batch.getFirst().clean().positions().from(p0), scratch); // [1, V] each
            for (int j = 0; j < batch.size(); j++) {
                Member m = batch.get(j);
                Map<Site, NDArray> reads = assemble(readers.get(j), m.clean(), m.run().reads(), owners.get(j));
                results[m.sample()][m.index()] = new RunResult(owners.get(j), Arrays2.floats(logits.get(j)), reads, p0, m.entry().block);
            }
        } catch (RuntimeException e) {
            for (NDManager owner : owners) owner.close();
            throw e;
        }
    }

    /**
     * Greedy decoding. Interventions apply during the prefill only; their effect reaches later tokens through the
     * KV cache, as with HF forward hooks that edit only the prompt positions.
     *
     * @param stopIds token ids that end generation (e.g. EOS); the stop token is included in the output
     */
    public Generation generate(Inputs inputs, List<? extends Intervention> interventions, int maxNewTokens, Set<Integer> stopIds) {
        validate(interventions, Set.of(), inputs.length());
        List<Integer> generated = new ArrayList<>();
        List<float[]> stepLogits = new ArrayList<>();
        try (KvCache cache = new KvCache(model.manager(), model.numLayers());
             NDManager scratch = model.manager().newSubManager()) {
            Hooks hooks = chain(interventions);
            PositionIds positions = model.positions(inputs.ids(), inputs.images());
            float[] logits = prefill(inputs, positions, hooks, cache, scratch);
            while (generated.size() < maxNewTokens) {
                stepLogits.add(logits);
                int next = argmax(logits);
                generated.add(next);
                if (stopIds.contains(next) || generated.size() == maxNewTokens) break;
                positions = positions.next();
                try (NDManager step = scratch.newSubManager()) {
                    NDArray token = model.embedText(new int[]{next}, step);                    // [1, d]
                    NDArray out = model.runBlocks(token, positions, 0, cache, Hooks.NONE, step);
                    logits = Arrays2.floats(model.head(out, positions.offset(), false, Hooks.NONE, step));
                }
            }
        }
        return new Generation(generated.stream().mapToInt(Integer::intValue).toArray(), stepLogits);
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    /**
     * The whole forward of {@code inputs} under {@code hooks}: vision tower, projector, merged embeddings and every
     * decoder block, filling {@code cache} with every position's keys/values.
     *
     * @return float32 [V] logits at the last position
     */
    private float[] prefill(Inputs inputs, PositionIds positions, Hooks hooks, KvCache cache, NDManager scratch) {
        NDArray features = inputs.images().isEmpty() ? null : model.encodeImages(inputs.images(), hooks, scratch); // [n*P, d]
        NDArray x = model.embed(inputs.ids(), features, hooks, scratch);                                         // [T, d]
        NDArray last = model.runBlocks(x, positions, 0, cache, hooks, scratch);                                  // [T, d]
        return Arrays2.floats(model.head(last, 0, false, hooks, scratch));
    }

    /** Where a patched run may start: the residual entering {@code block}, from {@code position} on. */
    private record Entry(int block, int position, Site sourceSite) {
    }

    private Entry entryPoint(Trace clean, List<? extends Intervention> interventions, Set<Site> reads) {
        int block = model.numLayers();
        int position = clean.length() - 1;
        for (Intervention iv : interventions) {
            if (!iv.site().isDecoder()) return null;
            block = Math.min(block, entryBlock(iv.site()));
            position = Math.min(position, iv.firstPosition());
        }
        for (Site site : reads) {
            if (site.isVision()) return null;
        }
        for (int b = block; b >= 0; b--) {
            Site source = b == 0 ? Sites.EMBED : Sites.residPost(b - 1);
            if (clean.has(source) && readsAvailable(clean, reads, b, position)) return new Entry(b, position, source);
        }
        return null;
    }

    /**
     * Every read must be answerable: from the trace when cached there, or — only when the whole sequence is
     * recomputed (position 0) — from the run itself.
     */
    private static boolean readsAvailable(Trace clean, Set<Site> reads, int block, int position) {
        for (Site site : reads) {
            if (clean.has(site) || site.equals(Sites.LOGITS)) continue;
            boolean visited = site.equals(Sites.FINAL_NORM) || site.equals(Sites.EMBED) && block == 0
                    || !site.equals(Sites.EMBED) && site.block() >= block - 1;
            if (!(visited && position == 0)) return false;
        }
        return true;
    }

    /** The first block a patched run must execute for an intervention at {@code site}. */
    static int entryBlock(Site site) {
        if (site.equals(Sites.EMBED)) return 0;
        return site.kind() == Site.Kind.RESID_POST ? site.block() + 1 : site.block();
    }

    /**
     * Full-sequence reads: trace rows before the recomputed suffix, recomputed rows after. Every returned array is
     * owned by {@code owner} (the run result's manager), including copies of trace rows when the run itself
     * recorded nothing, so closing the result frees them all.
     */
    private static Map<Site, NDArray> assemble(Recorder reader, Trace clean, Set<Site> reads, NDManager owner) {
        Map<Site, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<Site, Recorder.Slice> e : reader.recorded().entrySet()) {
            Recorder.Slice slice = e.getValue();
            NDArray value = slice.value();
            if (slice.offset() > 0 && !e.getKey().equals(Sites.LOGITS)) {
                if (clean == null || !clean.has(e.getKey())) {
                    throw new IllegalStateException("site " + e.getKey() + " recomputed from position " + slice.offset()
                            + " but its prefix is not in the trace");
                }
                NDArray prefix = clean.get(e.getKey()).get(":" + slice.offset());       // [p0, d], a view on the trace's manager
                NDArray full = NDArrays.concat(new NDList(prefix, value), 0);            // [T, d]
                full.attach(owner);
                prefix.close();
                value.close();
                value = full;
            }
            out.put(e.getKey(), value);
        }
        if (clean != null) {
            for (Site site : reads) {
                if (!out.containsKey(site) && clean.has(site)) {
                    NDArray copy = clean.get(site).duplicate();
                    copy.attach(owner);
                    out.put(site, copy);
                }
            }
        }
        List<Site> missing = new ArrayList<>();
        for (Site site : reads) if (!out.containsKey(site)) missing.add(site);
        if (!missing.isEmpty()) throw new IllegalArgumentException("sites never visited in this run: " + missing);
        return out;
    }

    private static Hooks chain(Collection<? extends Intervention> interventions) {
        Hooks hooks = Hooks.NONE;
        for (Intervention iv : interventions) hooks = hooks.then(iv);
        return hooks;
    }

    private void validate(List<? extends Intervention> interventions, Set<Site> reads, int length) {
        sites.check(reads);
        for (Intervention iv : interventions) {
            sites.check(iv.site());
            if (iv.firstPosition() >= length) {
                throw new IllegalArgumentException("intervention at " + iv.site() + " touches position "
                        + iv.firstPosition() + " but the sequence has " + length + " positions");
            }
        }
    }
}
