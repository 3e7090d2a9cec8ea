package vlmscope.experiments.diagnosis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.processing.Verdicts;
import vlmscope.VlmscopeException;
import vlmscope.analysis.BilinearIdWeights;
import vlmscope.analysis.GroundTruthIds;
import vlmscope.experiments.ExperimentNames;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.Progress;
import vlmscope.experiments.ids.SpatialIdFile;
import vlmscope.engine.Generation;
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
import vlmscope.world.Box;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ID deviation margin (docs/paper-mapping.md#deviation, Fig 8A): are the object tokens' spatial IDs off when the answer is wrong?
 * Per sample and layer L: the model's ID of each object = its first-occurrence residual at {@code blocks.L.resid_post}
 * minus the same token's residual in the text-only prompt (docs/paper-mapping.md#deviation); the ground-truth ID = the bilinear mix of the
 * universal IDs at its box centre (docs/paper-mapping.md#deviation); both projected on the plane of the universal x/y axes (docs/paper-mapping.md#deviation). The margin
 * (docs/paper-mapping.md#deviation) is the model's signed separation of subject and object along the true relation's axis minus the
 * ground-truth separation. The verdict comes from a greedy answer (true word present, opposite absent).
 *
 * <p>One record per (sample, layer), key {@code s{i}/L{L}}.
 */
public final class IdDeviation {

    public static final String EXPERIMENT = ExperimentNames.ID_DEVIATION;

    private IdDeviation() {
    }

    /** Runs (or resumes) on world samples; returns the summary it wrote. */
    public static ObjectNode run(LoadedModel lm, SpatialIdFile ids, DeviationOptions o, ExperimentOutput out, boolean fresh,
                                 List<String> commandLine) {
        List<TwoObjectSample> samples = new java.util.ArrayList<>();
        for (int i = 0; i < o.n(); i++) samples.add(WorldDiagnosisData.twoObject(i, o.seed(), o.canvas(), o.backgrounds()));
        return run(lm, ids, samples, o, out, fresh, commandLine);
    }

    /** Runs (or resumes) on given samples (world or COCO). */
    public static ObjectNode run(LoadedModel lm, SpatialIdFile ids, List<TwoObjectSample> samples, DeviationOptions o,
                                 ExperimentOutput out, boolean fresh, List<String> commandLine) {
        for (int layer : o.layers()) {
            ids.requireLayer(layer, true);
        }
        ObjectNode settings = ExperimentOutput.object();
        settings.put("seed", o.seed());
        ArrayNode layers = settings.putArray("layers");
        o.layers().forEach(layers::add);
        settings.put("canvas", o.canvas());
        settings.put("backgrounds", o.backgrounds().name());
        settings.put("maxNewTokens", o.maxNewTokens());
        settings.put("paperCompat", o.paperCompat());
        settings.put("verdictRule", o.verdictRule().cliName());
        settings.put("ids", String.valueOf(ids.file().getFileName()));
        ObjectNode header = new RunHeader(EXPERIMENT, lm.directory().toString(), lm.model().precision().name(), settings, commandLine).json();
        try (ResultStore store = out.open(header, fresh)) {
            Progress progress = new Progress("deviation", (long) samples.size() * o.layers().size());
            for (TwoObjectSample sample : samples) runSample(lm, ids, o, store, progress, sample);
            progress.finish();
            ObjectNode summary = DeviationSummary.of(store.records());
            out.writeSummary(summary);
            return summary;
        }
    }

    private static void runSample(LoadedModel lm, SpatialIdFile ids, DeviationOptions o, ResultStore store,
                                  Progress progress, TwoObjectSample sample) {
        List<String> keys = o.layers().stream().map(l -> key(sample, l)).toList();
        long done = keys.stream().filter(store::has).count();
        progress.skip(done);
        if (done == keys.size()) return;

        String text = sample.question().prompt();
        PreparedPrompt prompt = lm.prompt(sample.image().get(), text, false);
        ModelInput withImage = prompt.input();
        ModelInput textOnly = lm.prepare(lm.render(text, false, false), 0);
        int[] imagePos = {first(lm, withImage, sample.subject()), first(lm, withImage, sample.reference())};
        int[] textPos = {first(lm, textOnly, sample.subject()), first(lm, textOnly, sample.reference())};
        Inputs inputs = prompt.inputs();
        Set<Site> kept = new HashSet<>();
        for (int layer : o.layers()) kept.add(Sites.residPost(layer));
        Generation answer = lm.hooked().generate(inputs, List.of(), o.maxNewTokens(), Set.of(lm.tokenizer().eosId()));
        String answerText = lm.tokenizer().decode(answer.tokens(), true);
        Boolean verdict = o.verdictRule().isCorrect(answerText, sample.correct(), sample.wrong());
        BilinearIdWeights.Mode mode = o.paperCompat() ? BilinearIdWeights.Mode.PAPER : BilinearIdWeights.Mode.FIXED;
        try (Trace image = lm.hooked().trace(inputs, TraceSpec.of(kept));
             Trace text0 = lm.hooked().trace(new Inputs(textOnly.ids(), List.of()), TraceSpec.of(kept))) {
            for (int layer : o.layers()) {
                String key = key(sample, layer);
                if (store.has(key)) continue;
                float[][] img = image.rows(Sites.residPost(layer), imagePos);                  // [2, d]
                float[][] txt = text0.rows(Sites.residPost(layer), textPos);                   // [2, d]
                PlaneCoordinates plane = new PlaneCoordinates(ids.axis(layer, "x"), ids.axis(layer, "y"));
                double[] eA = plane.project(minus(img[0], txt[0])), eB = plane.project(minus(img[1], txt[1]));
                double[] gA = plane.project(groundTruth(ids, layer, sample.subjectBox(), sample, mode));
                double[] gB = plane.project(groundTruth(ids, layer, sample.objectBox(), sample, mode));
                ObjectNode rec = ExperimentOutput.object();
                rec.put("sample", sample.id());
                rec.put("layer", layer);
                rec.put("relation", sample.correct());
                rec.put("subject", sample.subject());
                rec.put("object", sample.reference());
                rec.put("answer", answerText);
                if (verdict == null) rec.putNull("verdict");
                else rec.put("verdict", verdict);
                rec.put("margin", margin(sample.correct(), eA, eB, gA, gB));
                rec.putArray("modelSubject").add(eA[0]).add(eA[1]);
                rec.putArray("modelObject").add(eB[0]).add(eB[1]);
                rec.putArray("truthSubject").add(gA[0]).add(gA[1]);
                rec.putArray("truthObject").add(gB[0]).add(gB[1]);
                store.append(key, rec);
                progress.step(sample.id() + " L" + layer);
            }
        }
    }

    /**
     * The paper's margin (docs/paper-mapping.md#deviation) for relation {@code rel} of subject A to object B, with model coordinates e and
     * ground-truth coordinates g (x = horizontal axis, y = vertical, pointing down).
     */
    static double margin(String rel, double[] eA, double[] eB, double[] gA, double[] gB) {
        return switch (rel) {
            case "right" -> (eA[0] - eB[0]) - (gA[0] - gB[0]);
            case "left" -> (eB[0] - eA[0]) - (gB[0] - gA[0]);
            case "below" -> (eA[1] - eB[1]) - (gA[1] - gB[1]);
            case "above" -> (eB[1] - eA[1]) - (gB[1] - gA[1]);
            default -> throw new IllegalArgumentException("no margin for relation " + rel);
        };
    }

    private static float[] groundTruth(SpatialIdFile ids, int layer, Box box, TwoObjectSample s, BilinearIdWeights.Mode mode) {
        return GroundTruthIds.fromBox(box.x(), box.y(), box.width(), box.height(), s.width(), s.height(), ids.gridSize(),
                (x, y) -> ids.universal(layer, x, y), mode);
    }

    private static int first(LoadedModel lm, ModelInput input, String word) {
        return lm.locator().positions(input, word, Occurrence.FIRST)[0];
    }

    private static float[] minus(float[] a, float[] b) {
        float[] out = new float[a.length];                                                    // [d]
        for (int i = 0; i < a.length; i++) out[i] = a[i] - b[i];
        return out;
    }

    static String key(TwoObjectSample sample, int layer) {
        return sample.id() + "/L" + layer;
    }
}
