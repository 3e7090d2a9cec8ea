package vlmscope.experiments.swap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.processing.AnswerReadout;
import vlmscope.VlmscopeException;
import vlmscope.analysis.BeliefShift;
import vlmscope.experiments.ExperimentNames;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.Progress;
import vlmscope.engine.HookedModel;
import vlmscope.engine.LogProbs;
import vlmscope.engine.PositionEdit;
import vlmscope.engine.PatchedRun;
import vlmscope.engine.RunResult;
import vlmscope.hooks.Site;
import vlmscope.hooks.Sites;
import vlmscope.engine.Trace;
import vlmscope.engine.TraceSpec;
import vlmscope.engine.Inputs;
import vlmscope.processing.ModelInput;
import vlmscope.results.ResultStore;
import vlmscope.results.RunHeader;
import vlmscope.engine.LoadedModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Mirror / attribute / colour swapping (Fig 4, A6; docs/paper-mapping.md#swap): per sample one clean and one counterfactual
 * trace, then for every layer L and position set S a patched run of the clean input with {@code blocks.L.resid_post}
 * at S replaced by the counterfactual's rows — by suffix recomputation from the clean trace (or a full rerun under
 * {@link SwapSettings#fullRerun()}). Each (sample, layer, set) is one record with the clean, counterfactual and
 * patched log-probs of both answers and their belief shifts ({@link BeliefShift}); the sweep resumes where a
 * killed run stopped, and writes summary.json ({@link SwapSummary}) at the end.
 */
public final class SwapExperiment {

    public static final String NAME = ExperimentNames.SWAP;


    private final LoadedModel lm;
    private final SwapSettings settings;
    private final double minDenominator;

    public SwapExperiment(LoadedModel lm, SwapSettings settings) {
        this(lm, settings, SwapSummary.DEFAULT_MIN_DENOMINATOR);
    }

    /** @param minDenominator the summary's threshold on |c − i| for its robust statistics (summary only, not records) */
    public SwapExperiment(LoadedModel lm, SwapSettings settings, double minDenominator) {
        if (!(minDenominator >= 0)) {
            throw new VlmscopeException("--min-denominator must be >= 0, got " + minDenominator + ". Fix: e.g. --min-denominator 0.1");
        }
        this.lm = lm;
        this.settings = settings;
        this.minDenominator = minDenominator;
    }

    /** Wall times of the patched runs (seconds), and the largest log-prob gap between the two ways when compared. */
    public record Timing(double traceSeconds, double suffixSeconds, double fullSeconds, int cells, double maxGap) {
    }

    /** What a run did: samples visited, records written now, timing, and the summary written. */
    public record Outcome(int samples, int written, Timing timing, ObjectNode summary) {
    }

    /** Runs (or resumes) the sweep over the first {@code n} samples of {@code source} into {@code out}. */
    public Outcome run(SwapSampleSource source, int n, ExperimentOutput out, boolean fresh, List<String> commandLine) {
        if (n < 1) throw new VlmscopeException("--n must be at least 1. Fix: e.g. --n 20");
        int count = Math.min(n, source.size());
        ObjectNode all = settings.json();
        all.set("source", source.settings());
        ObjectNode header = new RunHeader(NAME, lm.directory().toString(), lm.model().precision().name(), all, commandLine).json();
        int layers = settings.lastLayer() - settings.firstLayer() + 1;
        long[] nanos = new long[3];   // [trace, suffix, full]
        double maxGap = 0;
        int cells = 0, written = 0;
        try (ResultStore store = out.open(header, fresh)) {
            Progress progress = new Progress("swap " + settings.mode().cliName(), (long) count * layers * settings.sets().size());
            for (int i = 0; i < count; i++) {
                SwapSample sample = source.sample(i);
                String text = settings.prompt().text(sample.question(), sample.choices());
                ModelInput input = lm.prepare(lm.render(text, settings.prompt().raw(), true), 1);
                List<Answer> answers = answers(sample);
                WordPositions words = new WordPositions(
                        PositionSets.wordPositions(input, sample.objectWords(), lm.locator()),
                        PositionSets.wordPositions(input, sample.adjectiveWords(), lm.locator()));
                Map<PositionSet, int[]> sets = PositionSets.of(input, sample, lm.locator(), lm.tokenizer().bosId(),
                        settings.paperCompat(), new SplittableRandom(settings.seed() * 1_000_003L + i));
                List<Cell> pending = new ArrayList<>();
                for (int layer = settings.firstLayer(); layer <= settings.lastLayer(); layer++) {
                    for (PositionSet set : settings.sets()) {
                        if (!sets.containsKey(set) || store.has(key(sample.id(), layer, set))) progress.skip(1);
                        else pending.add(new Cell(layer, set, sets.get(set)));
                    }
                }
                if (pending.isEmpty()) continue;
                Inputs cleanInputs = new Inputs(input.ids(), List.of(lm.pixels(sample.clean())));
                Inputs cfInputs = new Inputs(input.ids(), List.of(lm.pixels(sample.counterfactual())));
                long t0 = System.nanoTime();
                try (Trace clean = lm.hooked().trace(cleanInputs, TraceSpec.residuals());
                     Trace counterfactual = lm.hooked().trace(cfInputs, TraceSpec.residuals())) {
                    nanos[0] += System.nanoTime() - t0;
                    float[] c = LogProbs.of(clean.lastLogits());             // [V]
                    float[] cf = LogProbs.of(counterfactual.lastLogits());   // [V]
                    long s0 = System.nanoTime();
                    List<float[]> patched = settings.fullRerun() ? fullRerunLogProbs(lm.hooked(), clean, counterfactual, pending)
                            : batchedLogProbs(lm.hooked(), clean, counterfactual, pending);   // [V] per cell
                    nanos[settings.fullRerun() ? 2 : 1] += System.nanoTime() - s0;
                    for (int k = 0; k < pending.size(); k++) {
                        Cell cell = pending.get(k);
                        float[] p = patched.get(k);
                        if (settings.compareSpeed()) {
                            long o0 = System.nanoTime();
                            float[] q = patchedLogProbs(lm.hooked(), clean, counterfactual, cell.layer, cell.positions,
                                    !settings.fullRerun());
                            nanos[settings.fullRerun() ? 1 : 2] += System.nanoTime() - o0;
                            for (Answer a : answers) maxGap = Math.max(maxGap, Math.abs(p[a.id] - q[a.id]));
                        }
                        cells++;
                        store.append(key(sample.id(), cell.layer, cell.set),
                                record(sample, input, words, cell, answers, c, cf, p));
                        written++;
                        progress.step(sample.id() + " L" + cell.layer + " " + cell.set.cliName());
                    }
                }
            }
            progress.finish();
            Timing timing = new Timing(nanos[0] / 1e9, nanos[1] / 1e9, nanos[2] / 1e9, cells, maxGap);
            ObjectNode summary = SwapSummary.of(store.header(), store.records(), minDenominator);
            if (cells > 0) summary.set("timing", timingJson(timing));
            else out.storedSummary().map(stored -> stored.get("timing")).ifPresent(t -> summary.set("timing", t)); // nothing re-timed
            long stored = summary.path("samples").asLong();
            if (stored > count) {
                System.err.println(out.resultsFile() + ": holds " + stored + " samples from earlier runs; the summary and"
                        + " figures cover all " + stored + ", not the " + count + " asked for (use another --out for a smaller run)");
            }
            out.writeSummary(summary);
            return new Outcome(count, written, timing, summary);
        }
    }

    /** The result key of one cell. */
    public static String key(String sampleId, int layer, PositionSet set) {
        return sampleId + "/L" + layer + "/" + set.cliName();
    }

    /** {@link #patchedLogProbs} of every cell, all from the clean trace in one batched sweep. */
    private static List<float[]> batchedLogProbs(HookedModel hooked, Trace clean, Trace source, List<Cell> cells) {
        List<PatchedRun> runs = new ArrayList<>();
        for (Cell cell : cells) runs.add(PatchedRun.of(List.of(swapEdit(source, cell.layer, cell.positions))));
        return hooked.batchLastLogProbs(clean, runs);
    }

    /** {@link #patchedLogProbs} of every cell by full reruns, one cell at a time. */
    private static List<float[]> fullRerunLogProbs(HookedModel hooked, Trace clean, Trace source, List<Cell> cells) {
        List<float[]> out = new ArrayList<>();
        for (Cell cell : cells) out.add(patchedLogProbs(hooked, clean, source, cell.layer, cell.positions, true));
        return out;
    }

    /** {@code blocks.layer.resid_post} at {@code positions} replaced by {@code source}'s rows there. */
    private static PositionEdit swapEdit(Trace source, int layer, int[] positions) {
        Site site = Sites.residPost(layer);
        return PositionEdit.replace(site, positions, source.rows(site, positions));   // rows [n, d]
    }

    /**
     * Log-probs at the last position of the clean input with {@code blocks.layer.resid_post} at {@code positions}
     * replaced by {@code source}'s rows there: from the clean trace by suffix recomputation, or a full forward.
     */
    static float[] patchedLogProbs(HookedModel hooked, Trace clean, Trace source, int layer, int[] positions,
                                   boolean fullRerun) {
        PositionEdit edit = swapEdit(source, layer, positions);
        try (RunResult r = fullRerun ? hooked.run(clean.inputs(), List.of(edit), Set.of())
                : hooked.run(clean, List.of(edit), Set.of())) {
            return r.lastLogProbs();
        }
    }

    /** Each object word's and adjective's first position, for the records. */
    private record WordPositions(Map<String, Integer> objects, Map<String, Integer> adjectives) {
    }

    private record Cell(int layer, PositionSet set, int[] positions) {
    }

    /** One answer read: its label in the summary, the word, the vocabulary piece and its id. */
    private record Answer(String label, String word, String piece, int id) {
    }

    private List<Answer> answers(SwapSample sample) {
        List<Answer> out = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            String word = sample.choices().get(k);
            String piece = settings.answerPieces() == null ? word : settings.answerPieces().get(k);
            String label = settings.mode() == SwapMode.COLOUR ? (word.equals(sample.truth()) ? "truth" : "other") : word;
            out.add(new Answer(label, word, piece, new AnswerReadout.ExactPiece().resolve(lm.tokenizer(), piece).id()));
        }
        return out;
    }

    private static ObjectNode record(SwapSample sample, ModelInput input, WordPositions words, Cell cell, List<Answer> answers,
                                     float[] clean, float[] counterfactual, float[] patched) {
        ObjectNode r = ExperimentOutput.object();
        r.put("sample", sample.id());
        r.put("layer", cell.layer);
        r.put("set", cell.set.cliName());
        r.put("question", sample.question());
        r.put("truth", sample.truth());
        r.put("length", input.length());
        r.putArray("image_span").add(input.imageStart()).add(input.imageEnd());
        r.put("n_positions", cell.positions.length);
        ArrayNode runs = r.putArray("positions");
        for (int[] run : PositionSets.runs(cell.positions)) runs.addArray().add(run[0]).add(run[1]);
        positions(r.putObject("objects"), words.objects);
        positions(r.putObject("adjectives"), words.adjectives);
        ArrayNode list = r.putArray("answers");
        for (Answer a : answers) {
            ObjectNode o = list.addObject();
            o.put("label", a.label);
            o.put("word", a.word);
            o.put("piece", a.piece);
            o.put("id", a.id);
            o.put("clean", clean[a.id]);
            o.put("counterfactual", counterfactual[a.id]);
            o.put("patched", patched[a.id]);
            double shift = BeliefShift.of(clean[a.id], counterfactual[a.id], patched[a.id]);
            if (Double.isFinite(shift)) o.put("shift", shift);
            else o.putNull("shift");
        }
        return r;
    }

    private static void positions(ObjectNode into, Map<String, Integer> wordPositions) {
        wordPositions.forEach(into::put);
    }

    private static ObjectNode timingJson(Timing t) {
        ObjectNode o = ExperimentOutput.object();
        o.put("cells", t.cells());
        o.put("trace_seconds", t.traceSeconds());
        o.put("suffix_seconds", t.suffixSeconds());
        o.put("full_rerun_seconds", t.fullSeconds());
        o.put("max_logprob_gap", t.maxGap());
        return o;
    }
}
