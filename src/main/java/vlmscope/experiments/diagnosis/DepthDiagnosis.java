package vlmscope.experiments.diagnosis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.VlmscopeException;
import vlmscope.experiments.ExperimentNames;
import vlmscope.processing.AnswerReadout;
import vlmscope.processing.AnswerTokens;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.Progress;
import vlmscope.experiments.ids.SpatialIdFile;
import vlmscope.engine.LogProbs;
import vlmscope.engine.PositionEdit;
import vlmscope.engine.PatchedRun;
import vlmscope.engine.RunResult;
import vlmscope.hooks.Site;
import vlmscope.hooks.Sites;
import vlmscope.engine.Trace;
import vlmscope.engine.TraceSpec;
import vlmscope.engine.Inputs;
import vlmscope.engine.PreparedPrompt;
import vlmscope.processing.ModelInput;
import vlmscope.processing.Occurrence;
import vlmscope.results.ResultStore;
import vlmscope.results.RunHeader;
import vlmscope.engine.LoadedModel;
import vlmscope.world.QaItem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Depth diagnosis (docs/paper-mapping.md#depth, Fig 7): does the vertical image-plane ID also drive front/behind answers?
 * For each depth scene, the same subject is asked above/below ("height") and in front/behind ("depth"). At each
 * steered block ℓ and each row j of the ID grid's left column, {@code α·(U(0, j) − U(0, m−1−j))} is added at every
 * occurrence of the subject word in {@code blocks.ℓ.resid_post}, and the change of each answer word's log-prob is
 * recorded as the paper signs it, Δ = clean − patched. Height reads (above, below), depth reads (behind, front), the
 * paper's tuple order — labelled correctly (the paper's figure crosses them, docs/paper-mapping.md#depth).
 *
 * <p>One record per (sample, question, layer, row), key {@code d{i}/{height|depth}/L{ℓ}/y{j}}; one clean trace per
 * (sample, question), patched runs by suffix recomputation. With {@link DepthOptions.Scenes counter-cue} scenes
 * (the farther object drawn lower), their samples are {@code c{i}} and their records carry
 * {@code "scenes": "counter-cue"}; the standard records are unchanged.
 */
public final class DepthDiagnosis {

    /** Experiment name in the results header (what {@code vlmscope plot} dispatches on). */
    public static final String EXPERIMENT = ExperimentNames.DEPTH_DIAGNOSIS;

    private DepthDiagnosis() {
    }

    /** Runs (or resumes) the experiment into {@code out}; returns the summary it wrote. */
    public static ObjectNode run(LoadedModel lm, SpatialIdFile ids, DepthOptions o, ExperimentOutput out, boolean fresh,
                                 List<String> commandLine) {
        for (int layer : o.layers()) {
            ids.requireLayer(idLayer(layer, o), false);

        }
        ObjectNode settings = ExperimentOutput.object();
        settings.put("seed", o.seed());
        ArrayNode layers = settings.putArray("layers");
        o.layers().forEach(layers::add);
        settings.put("alpha", o.alpha());
        settings.put("canvas", o.canvas());
        settings.put("backgrounds", o.backgrounds().name());
        settings.put("paperCompat", o.paperCompat());
        settings.put("ids", String.valueOf(ids.file().getFileName()));
        settings.put("cells", ids.gridSize());
        if (o.scenes() != DepthOptions.Scenes.STANDARD) settings.put("scenes", o.scenes().label());
        ObjectNode header = new RunHeader(EXPERIMENT, lm.directory().toString(), lm.model().precision().name(), settings, commandLine).json();
        int cells = ids.gridSize();
        try (ResultStore store = out.open(header, fresh)) {
            List<Boolean> sets = new ArrayList<>();
            if (o.scenes().standard()) sets.add(false);
            if (o.scenes().counterCue()) sets.add(true);
            Progress progress = new Progress("depth", (long) o.n() * sets.size() * 2 * o.layers().size() * cells);
            for (boolean counterCue : sets) {
                for (int i = 0; i < o.n(); i++) {
                    DepthSample sample = WorldDiagnosisData.depth(i, o.seed(), o.canvas(), o.backgrounds(), counterCue);
                    for (String question : List.of("height", "depth")) {
                        runQuestion(lm, ids, o, store, progress, sample, question, counterCue);
                    }
                }
            }
            progress.finish();
            ObjectNode summary = DepthSummary.of(store.records(), cells);
            out.writeSummary(summary);
            return summary;
        }
    }

    private static void runQuestion(LoadedModel lm, SpatialIdFile ids, DepthOptions o, ResultStore store,
                                    Progress progress, DepthSample sample, String question, boolean counterCue) {
        int cells = ids.gridSize();
        List<String> keys = new java.util.ArrayList<>();
        for (int layer : o.layers())
            for (int j = 0; j < cells; j++) keys.add(key(sample, question, layer, j));
        long done = keys.stream().filter(store::has).count();
        progress.skip(done);
        if (done == keys.size()) return;

        QaItem item = question.equals("height") ? sample.height() : sample.depth();
        List<String> words = question.equals("height") ? List.of("above", "below") : List.of("behind", "front");
        String subjectWord = sample.subject();
        String text;
        if (o.paperCompat()) {
            List<String> parsed = PaperDepthQuery.parse(PaperDepthQuery.caption(sample.subject(), sample.height().answer(), sample.object()));
            subjectWord = parsed.get(0);
            String query = question.equals("height")
                    ? "Is the " + parsed.get(0) + " above or below the " + parsed.get(1) + "?"
                    : "Is the " + parsed.get(0) + " in front or behind the " + parsed.get(1) + "?";
            text = "QUESTION: " + query + (question.equals("height") ? " Answer Above or Below." : " Answer Front or Behind.") + " ANSWER: ";
        } else {
            text = item.prompt();
        }
        PreparedPrompt prompt = lm.prompt(sample.image(), text, o.paperCompat());
        ModelInput input = prompt.input();
        int[] positions = lm.locator().positions(input, subjectWord, Occurrence.ALL);
        if (o.paperCompat()) positions = Arrays.stream(positions).map(p -> p + 1).filter(p -> p < input.length()).toArray();
        AnswerTokens w1 = answer(lm, words.get(0), o), w2 = answer(lm, words.get(1), o);
        Inputs inputs = prompt.inputs();
        Set<Site> kept = new HashSet<>();
        kept.add(Sites.EMBED);
        for (int layer : o.layers()) kept.add(Sites.residPost(layer));
        try (Trace trace = lm.hooked().trace(inputs, TraceSpec.of(kept))) {
            float[] clean = LogProbs.of(trace.lastLogits());
            double c1 = w1.logProb(clean), c2 = w2.logProb(clean);
            List<int[]> cellsToRun = new ArrayList<>(); // {layer, row} of every run still missing, in key order
            List<PatchedRun> runs = new ArrayList<>();
            for (int layer : o.layers()) {
                int idLayer = idLayer(layer, o);
                for (int j = 0; j < cells; j++) {
                    if (store.has(key(sample, question, layer, j))) continue;
                    float[] up = ids.universal(idLayer, 0, j), partner = ids.universal(idLayer, 0, cells - 1 - j);
                    float[] vector = new float[up.length];                                   // [d]
                    for (int k = 0; k < vector.length; k++) vector[k] = (float) (o.alpha() * (up[k] - partner[k]));
                    cellsToRun.add(new int[]{layer, j});
                    runs.add(PatchedRun.of(List.of(PositionEdit.add(Sites.residPost(layer), positions, vector))));
                }
            }
            List<RunResult> results = lm.hooked().runBatch(trace, runs);
            try {
                for (int i = 0; i < cellsToRun.size(); i++) {
                    int layer = cellsToRun.get(i)[0], j = cellsToRun.get(i)[1];
                    int idLayer = idLayer(layer, o);
                    String key = key(sample, question, layer, j);
                    float[] patched = results.get(i).lastLogProbs();
                    double p1 = w1.logProb(patched), p2 = w2.logProb(patched);
                    ObjectNode rec = ExperimentOutput.object();
                    rec.put("sample", sample.id());
                    if (counterCue) rec.put("scenes", DepthOptions.Scenes.COUNTER_CUE.label());
                    rec.put("question", question);
                    rec.put("label", item.answer());
                    rec.put("subject", subjectWord);
                    rec.put("object", sample.object());
                    rec.put("layer", layer);
                    rec.put("idLayer", idLayer);
                    rec.put("x", 0);
                    rec.put("y", j);
                    rec.put("partnerY", cells - 1 - j);
                    ArrayNode pos = rec.putArray("positions");
                    for (int p : positions) pos.add(p);
                    rec.putArray("words").add(words.get(0)).add(words.get(1));
                    rec.putArray("pieces").add(String.join("|", w1.pieces())).add(String.join("|", w2.pieces()));
                    rec.putArray("clean").add(c1).add(c2);
                    rec.putArray("patched").add(p1).add(p2);
                    rec.putArray("delta").add(c1 - p1).add(c2 - p2);
                    store.append(key, rec);
                    progress.step(sample.id() + " " + question + " L" + layer + " y" + j);
                }
            } finally {
                results.forEach(RunResult::close);
            }
        }
    }

    private static AnswerTokens answer(LoadedModel lm, String word, DepthOptions o) {
        return (o.paperCompat() ? new AnswerReadout.FirstPiece() : new AnswerReadout.EverySpelling()).resolve(lm.tokenizer(), word);
    }

    /** The ID layer used at steered block ℓ: ℓ itself, or ℓ − 1 under --paper-compat (docs/paper-mapping.md#layers off-by-one). */
    static int idLayer(int layer, DepthOptions o) {
        return o.paperCompat() ? layer - 1 : layer;
    }

    static String key(DepthSample sample, String question, int layer, int row) {
        return sample.id() + "/" + question + "/L" + layer + "/y" + row;
    }
}
