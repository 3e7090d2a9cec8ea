package vlmscope.experiments.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.VlmscopeException;
import vlmscope.analysis.BeliefShift;
import vlmscope.experiments.ExperimentNames;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.Progress;
import vlmscope.experiments.swap.PositionSet;
import vlmscope.experiments.swap.PositionSets;
import vlmscope.experiments.swap.SwapSummary;
import vlmscope.engine.LogProbs;
import vlmscope.engine.PositionEdit;
import vlmscope.engine.PatchedRun;
import vlmscope.hooks.Site;
import vlmscope.hooks.Sites;
import vlmscope.engine.Trace;
import vlmscope.engine.TraceSpec;
import vlmscope.engine.Inputs;
import vlmscope.processing.ModelInput;
import vlmscope.results.ResultStore;
import vlmscope.engine.LoadedModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Temporal mirror swapping (Fig 10A; docs/paper-mapping.md#temporal): the counterfactual is the same prompt with the frames in
 * reverse order ({@code Video.reversed()}), which flips every before/after answer. Per sample one
 * clean and one reversed trace; for every layer L and position set S ({@link TemporalPositions}) a patched run of
 * the clean input with {@code blocks.L.resid_post} at S replaced by the reversed run's rows (suffix recomputation
 * from the clean trace). Each (sample, layer, set) record holds the clean, reversed and patched log-probs of the
 * answers "before" and "after" — labelled by meaning (the paper's code names its tokens the other way round) —
 * and their belief shifts. Resumable; summary.json per set and answer as swap's {@link SwapSummary}.
 */
public final class TemporalSwapExperiment {

    public static final String NAME = ExperimentNames.TEMPORAL_SWAP;

    /** Default sets of the figure (ALL, the sanity check, is asked for explicitly). */
    public static final List<PositionSet> DEFAULT_SETS = List.of(PositionSet.IMAGE, PositionSet.TEXT,
            PositionSet.OBJECTS, PositionSet.CONTROL);

    private final LoadedModel lm;
    private final TemporalSettings settings;
    private final List<PositionSet> sets;

    public TemporalSwapExperiment(LoadedModel lm, TemporalSettings settings, List<PositionSet> sets) {
        if (sets.isEmpty() || sets.contains(PositionSet.ADJECTIVES)) {
            throw new VlmscopeException("temporal swap sets are all, video, text, objects, control; got " + sets
                    + ". Fix: e.g. --sets video,text,objects");
        }
        this.lm = lm;
        this.settings = settings;
        this.sets = List.copyOf(sets);
    }

    /** What a run did: samples visited, records written now, and the summary written. */
    public record Outcome(int samples, int written, ObjectNode summary) {
    }

    /** Runs (or resumes) the sweep over {@code samples} into {@code out}. */
    public Outcome run(List<TemporalSample> samples, ExperimentOutput out, boolean fresh, List<String> commandLine) {
        AnswerPieces answers = AnswerPieces.resolve(lm.tokenizer(), settings.answers());
        ObjectNode all = settings.json();
        ArrayNode names = all.putArray("sets");
        for (PositionSet s : sets) names.add(s.cliName());
        all.put("counterfactual", "the same frames in reverse order, same prompt");
        all.set("answers", answers.json());
        ObjectNode header = TemporalSettings.header(NAME, lm, all, commandLine);
        int written = 0;
        try (ResultStore store = out.open(header, fresh)) {
            Progress progress = new Progress("temporal swap", (long) samples.size() * settings.layerCount() * sets.size());
            for (int i = 0; i < samples.size(); i++) {
                TemporalSample sample = samples.get(i);
                ModelInput input = VideoPrompt.prepare(lm, sample.item().prompt(), sample.frames(), settings.raw());
                Map<PositionSet, int[]> positions = TemporalPositions.of(input, sample.item().objectWords(),
                        lm.locator(), lm.tokenizer().bosId(), settings.paperCompat(),
                        new SplittableRandom(settings.seed() * 1_000_003L + i));
                List<int[]> pending = new ArrayList<>();   // {layer, set ordinal}
                for (int layer = settings.firstLayer(); layer <= settings.lastLayer(); layer++)
                    for (PositionSet set : sets) {
                        if (!progress.stored(store, key(sample.id(), layer, set))) pending.add(new int[]{layer, set.ordinal()});
                    }
                if (pending.isEmpty()) continue;
                Inputs clean = new Inputs(input.ids(), VideoPrompt.pixels(lm, sample.video().frames()));
                Inputs reversed = new Inputs(input.ids(), VideoPrompt.pixels(lm, sample.video().reversed().frames()));
                try (Trace c = lm.hooked().trace(clean, TraceSpec.residuals());
                     Trace r = lm.hooked().trace(reversed, TraceSpec.residuals())) {
                    float[] lc = LogProbs.of(c.lastLogits());   // [V]
                    float[] lr = LogProbs.of(r.lastLogits());   // [V]
                    List<PatchedRun> runs = new ArrayList<>();
                    for (int[] cell : pending) runs.add(patch(r, cell[0], positions.get(PositionSet.values()[cell[1]])));
                    List<float[]> patched = lm.hooked().batchLastLogProbs(c, runs);   // each [V]
                    for (int k = 0; k < pending.size(); k++) {
                        int[] cell = pending.get(k);
                        PositionSet set = PositionSet.values()[cell[1]];
                        int[] at = positions.get(set);
                        store.append(key(sample.id(), cell[0], set),
                                record(sample, input, cell[0], set, at, answers, lc, lr, patched.get(k)));
                        written++;
                        progress.step(sample.id() + " L" + cell[0] + " " + set.cliName());
                    }
                }
            }
            progress.finish();
            ObjectNode summary = summary(store.header(), store.records());
            out.writeSummary(summary);
            return new Outcome(samples.size(), written, summary);
        }
    }

    public static String key(String sampleId, int layer, PositionSet set) {
        return sampleId + "/L" + layer + "/" + set.cliName();
    }

    /** The clean run with {@code blocks.layer.resid_post} at {@code at} taken from {@code source}. */
    private static PatchedRun patch(Trace source, int layer, int[] at) {
        Site site = Sites.residPost(layer);
        return PatchedRun.of(List.of(PositionEdit.replace(site, at, source.rows(site, at))));   // rows [n, d]
    }

    private static ObjectNode record(TemporalSample sample, ModelInput input, int layer, PositionSet set, int[] at,
                                     AnswerPieces answers, float[] clean, float[] reversed, float[] patched) {
        ObjectNode r = ExperimentOutput.object();
        r.put("sample", sample.id());
        r.put("layer", layer);
        r.put("set", set.cliName());
        r.put("question", sample.item().question());
        r.put("truth", sample.item().answer());
        r.put("frames", sample.frames());
        r.put("length", input.length());
        r.put("n_positions", at.length);
        ArrayNode runs = r.putArray("positions");
        for (int[] run : PositionSets.runs(at)) runs.addArray().add(run[0]).add(run[1]);
        ArrayNode list = r.putArray("answers");
        for (int k = 0; k < 2; k++) {
            int id = answers.ids()[k];
            ObjectNode o = list.addObject();
            o.put("label", answers.words().get(k));
            o.put("piece", answers.pieces().get(k));
            o.put("id", id);
            o.put("clean", clean[id]);
            o.put("counterfactual", reversed[id]);
            o.put("patched", patched[id]);
            double shift = BeliefShift.of(clean[id], reversed[id], patched[id]);
            if (Double.isFinite(shift)) o.put("shift", shift);
            else o.putNull("shift");
        }
        return r;
    }

    /** summary.json: swap's per-set curves and peaks ({@link SwapSummary}), named for this experiment. */
    public static ObjectNode summary(JsonNode header, List<JsonNode> records) {
        ObjectNode s = SwapSummary.of(header, records);
        s.put("experiment", NAME);
        s.remove("mode");
        s.put("counterfactual", "reversed frame order");
        s.put("set_names", "image = every frame's video tokens; text = the rest but BOS; objects = the two scene words");
        return s;
    }
}
