package vlmscope.hooks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import vlmscope.model.Inputs;
import vlmscope.model.KvCache;
import vlmscope.model.LlamaDecoder;
import vlmscope.model.LlavaModel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link LlavaModel} with hooks: clean traces, patched runs and greedy generation.
 *
 * <p><b>Suffix recomputation</b> (docs/design.md#suffix-recomputation). An intervention at a decoder site of block L whose first touched
 * position is p0 changes nothing at positions &lt; p0 and nothing before block L. A patched run from a
 * {@link Trace} therefore starts from the trace's residual entering that block, at positions p0..T-1 only, and
 * reads the keys/values of positions &lt; p0 from the trace. Interventions at vision sites force a full rerun.
 */
public final class HookedModel {

    private final LlavaModel model;

    public HookedModel(LlavaModel model) {
        this.model = model;
    }

    public LlavaModel model() {
        return model;
    }

    /** A clean run that keeps what {@code spec} asks for, plus every layer's keys/values. */
    public Trace trace(Inputs inputs, TraceSpec spec) {
        NDManager owner = model.manager().newSubManager();
        try {
            Recorder recorder = new Recorder(spec.sites(), owner);
            KvCache cache = new KvCache(model.manager(), model.numLayers());
            float[] logits;
            try (NDManager scratch = model.manager().newSubManager()) {
                logits = prefill(inputs, recorder, cache, scratch);
            }
            return new Trace(inputs, owner, cache, recorder.recorded(), logits);
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    /** A full forward with interventions, reading {@code reads} (sites, over all positions). */
    public RunResult run(Inputs inputs, List<? extends Intervention> interventions, Set<String> reads) {
        validate(interventions, inputs.length());
        NDManager owner = model.manager().newSubManager();
        try (KvCache cache = new KvCache(model.manager(), model.numLayers())) {
            Recorder reader = new Recorder(reads::contains, owner);
            Hooks hooks = chain(interventions).then(reader);
            float[] logits;
            try (NDManager scratch = model.manager().newSubManager()) {
                logits = prefill(inputs, hooks, cache, scratch);
            }
            return new RunResult(owner, logits, assemble(reader, null, reads), 0, 0);
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
    public RunResult run(Trace clean, List<? extends Intervention> interventions, Set<String> reads) {
        validate(interventions, clean.length());
        Entry entry = entryPoint(clean, interventions, reads);
        if (entry == null) return run(clean.inputs(), interventions, reads);
        LlamaDecoder decoder = model.decoder();
        NDManager owner = model.manager().newSubManager();
        try (KvCache cache = clean.cache().prefix(entry.position, entry.block)) {
            Recorder reader = new Recorder(reads::contains, owner);
            Hooks hooks = chain(interventions).then(reader);
            float[] logits;
            try (NDManager scratch = model.manager().newSubManager()) {
                NDArray start;
                try (NDScope ignored = new NDScope()) {
                    start = clean.get(entry.sourceSite).get(entry.position + ":").duplicate();     // [T - p0, d]
                    vlmscope.model.Scopes.keep(start, scratch);
                }
                NDArray x = hooks.visit(entry.sourceSite, start, entry.position);
                NDArray last = decoder.runBlocks(x, entry.position, entry.block, cache, hooks, scratch);
                logits = Arrays2.floats(decoder.head(last, entry.position, false, hooks, scratch));
            }
            return new RunResult(owner, logits, assemble(reader, clean, reads), entry.position, entry.block);
        } catch (RuntimeException e) {
            owner.close();
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
        validate(interventions, inputs.length());
        LlamaDecoder decoder = model.decoder();
        List<Integer> generated = new ArrayList<>();
        List<float[]> stepLogits = new ArrayList<>();
        try (KvCache cache = new KvCache(model.manager(), model.numLayers());
             NDManager scratch = model.manager().newSubManager()) {
            Hooks hooks = chain(interventions);
            float[] logits = prefill(inputs, hooks, cache, scratch);
            int position = inputs.length();
            while (generated.size() < maxNewTokens) {
                stepLogits.add(logits);
                int next = argmax(logits);
                generated.add(next);
                if (stopIds.contains(next) || generated.size() == maxNewTokens) break;
                try (NDManager step = scratch.newSubManager()) {
                    NDArray token = decoder.embed(new int[]{next}, step);                      // [1, d]
                    NDArray out = decoder.runBlocks(model.embedDtype(token), position, 0, cache, Hooks.NONE, step);
                    logits = Arrays2.floats(decoder.head(out, position, false, Hooks.NONE, step));
                }
                position++;
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
    private float[] prefill(Inputs inputs, Hooks hooks, KvCache cache, NDManager scratch) {
        NDArray features = inputs.images().isEmpty() ? null : model.encodeImages(inputs.images(), hooks, scratch); // [n*P, d]
        NDArray x = model.embed(inputs.ids(), features, hooks, scratch);                                         // [T, d]
        NDArray last = model.decoder().runBlocks(x, 0, 0, cache, hooks, scratch);                                // [T, d]
        return Arrays2.floats(model.decoder().head(last, 0, false, hooks, scratch));
    }

    /** Where a patched run may start: the residual entering {@code block}, from {@code position} on. */
    private record Entry(int block, int position, String sourceSite) {
    }

    private Entry entryPoint(Trace clean, List<? extends Intervention> interventions, Set<String> reads) {
        int block = model.numLayers();
        int position = clean.length() - 1;
        for (Intervention iv : interventions) {
            if (!Sites.isDecoderSite(iv.site())) return null;
            block = Math.min(block, entryBlock(iv.site()));
            position = Math.min(position, iv.firstPosition());
        }
        for (String site : reads) {
            if (!Sites.isDecoderSite(site) && !site.equals(Sites.FINAL_NORM) && !site.equals(Sites.LOGITS)) return null;
        }
        for (int b = block; b >= 0; b--) {
            String source = b == 0 ? Sites.EMBED : Sites.residPost(b - 1);
            if (clean.has(source) && readsAvailable(clean, reads, b, position)) return new Entry(b, position, source);
        }
        return null;
    }

    /**
     * Every read must be answerable: from the trace when cached there, or — only when the whole sequence is
     * recomputed (position 0) — from the run itself.
     */
    private static boolean readsAvailable(Trace clean, Set<String> reads, int block, int position) {
        for (String site : reads) {
            if (clean.has(site) || site.equals(Sites.LOGITS)) continue;
            boolean visited = site.equals(Sites.FINAL_NORM) || site.equals(Sites.EMBED) && block == 0
                    || !site.equals(Sites.EMBED) && Sites.blockOf(site) >= block - 1;
            if (!(visited && position == 0)) return false;
        }
        return true;
    }

    /** The first block a patched run must execute for an intervention at {@code site}. */
    static int entryBlock(String site) {
        if (site.equals(Sites.EMBED)) return 0;
        int block = Sites.blockOf(site);
        return Sites.kindOf(site).equals("resid_post") ? block + 1 : block;
    }

    /** Full-sequence reads: trace rows before the recomputed suffix, recomputed rows after. */
    private static Map<String, NDArray> assemble(Recorder reader, Trace clean, Set<String> reads) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        NDManager owner = null;
        for (Map.Entry<String, Recorder.Slice> e : reader.recorded().entrySet()) {
            Recorder.Slice slice = e.getValue();
            NDArray value = slice.value();
            owner = value.getManager();
            if (slice.offset() > 0 && !e.getKey().equals(Sites.LOGITS)) {
                if (clean == null || !clean.has(e.getKey())) {
                    throw new IllegalStateException("site " + e.getKey() + " recomputed from position " + slice.offset()
                            + " but its prefix is not in the trace");
                }
                NDArray prefix = clean.get(e.getKey()).get(":" + slice.offset());
                NDArray full = NDArrays.concat(new NDList(prefix, value), 0);
                full.attach(owner);
                value.close();
                value = full;
            }
            out.put(e.getKey(), value);
        }
        if (clean != null) {
            for (String site : reads) {
                if (!out.containsKey(site) && clean.has(site)) {
                    NDArray copy = clean.get(site).duplicate();
                    if (owner != null) copy.attach(owner);
                    out.put(site, copy);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String site : reads) if (!out.containsKey(site)) missing.add(site);
        if (!missing.isEmpty()) throw new IllegalArgumentException("sites never visited in this run: " + missing);
        return out;
    }

    private static Hooks chain(Collection<? extends Intervention> interventions) {
        Hooks hooks = Hooks.NONE;
        for (Intervention iv : interventions) hooks = hooks.then(iv);
        return hooks;
    }

    private static void validate(List<? extends Intervention> interventions, int length) {
        for (Intervention iv : interventions) {
            if (!Sites.isKnown(iv.site())) throw new IllegalArgumentException("unknown hook site " + iv.site());
            if (iv.firstPosition() >= length) {
                throw new IllegalArgumentException("intervention at " + iv.site() + " touches position "
                        + iv.firstPosition() + " but the sequence has " + length + " positions");
            }
        }
    }
}
