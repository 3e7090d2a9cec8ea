package vlmscope.experiments.temporal;

import vlmscope.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.VlmscopeException;
import vlmscope.experiments.ExperimentNames;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.Progress;
import vlmscope.engine.LogProbs;
import vlmscope.engine.PositionEdit;
import vlmscope.engine.PatchedRun;
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
import java.util.TreeMap;

/**
 * Temporal steering (Fig 10C; docs/paper-mapping.md#temporal). For each world video asking "Does the {subject} come before or after
 * the {other}?", each layer L and each ID frame f in 0..F-1: add {@code v = α·(T[L][f] − T[L][F−1−f])} (T from a
 * temporal-ids run; F−1−f is frame f's temporal mirror, the paper's 8 − id on its frames 1..7) to
 * {@code blocks.L.resid_post} at the subject's tokens ({@link SubjectPositions}), and record
 * Δ = log p(steered) − log p(clean) of "before" and "after" (the paper's sign: steered minus original).
 * Under paper-compat: the paper's positions and its off-by-one — the ID measured one block earlier (its
 * hidden_states[L], our layer L−1) is added at block L's output (docs/paper-mapping.md#layers, #paper-compat).
 *
 * <p>Controls (vlmscope additions, recorded with a {@code "condition"} and/or {@code "alpha"} field so the main
 * records and their summary stay as they were; run in their own batch after the main one): {@link Controls#noise}
 * adds, for the two ends f = 0 and f = F−1 only, a seeded Gaussian direction r with ‖r‖ = ‖v₀‖ as +r and −r (the ID
 * edit's own antisymmetry: v_{F−1} = −v₀), so the noise's "early minus late" effect is measured exactly as the ID's;
 * {@link Controls#alphas} repeats the two ends (and the noise, when on) at further α, a dose–response.
 */
public final class TemporalSteerExperiment {

    public static final String NAME = ExperimentNames.TEMPORAL_STEER;

    private final LoadedModel lm;
    private final TemporalSettings settings;
    private final TemporalIds.Loaded ids;
    private final double alpha;
    private final Controls controls;

    /**
     * The controls run besides the main edits.
     *
     * @param noise  same-norm random directions at the two end frames, at every α
     * @param alphas further α for the two end frames (the dose–response); empty = none
     */
    public record Controls(boolean noise, double[] alphas) {
        public Controls {
            alphas = alphas.clone();
            for (double a : alphas) {
                if (!(a > 0)) throw new VlmscopeException("--alphas needs positive values, got " + a + ". Fix: e.g. --alphas 0.25,0.5,1,2");
            }
        }

        public static final Controls NONE = new Controls(false, new double[0]);
    }

    public TemporalSteerExperiment(LoadedModel lm, TemporalSettings settings, TemporalIds.Loaded ids, double alpha) {
        this(lm, settings, ids, alpha, Controls.NONE);
    }

    public TemporalSteerExperiment(LoadedModel lm, TemporalSettings settings, TemporalIds.Loaded ids, double alpha, Controls controls) {
        if (settings.frames() != ids.frames()) {
            throw new VlmscopeException("--frames " + settings.frames() + " differs from the IDs' " + ids.frames()
                    + " frames. Fix: use --frames " + ids.frames());
        }
        for (int layer = settings.firstLayer(); layer <= settings.lastLayer(); layer++) {
            int source = sourceLayer(layer, settings.paperCompat());
            if (!ids.ids().containsKey(source)) {
                throw new VlmscopeException("the temporal IDs have no layer " + source + " (they cover " + ids.ids().keySet()
                        + ")" + (settings.paperCompat() ? "; paper-compat reads layer L-1 for block L" : "")
                        + ". Fix: choose --layers the IDs cover" + (settings.paperCompat() ? " plus one" : ""));
            }
        }
        this.lm = lm;
        this.settings = settings;
        this.ids = ids;
        this.alpha = alpha;
        this.controls = controls;
    }

    /** The layer whose ID is added at block {@code layer}: the same one, or one earlier under paper-compat. */
    public static int sourceLayer(int layer, boolean paperCompat) {
        return paperCompat ? layer - 1 : layer;
    }

    /** The steering vector α·(T[f] − T[F−1−f]) [d] from frame IDs [F, d]. */
    public static float[] vector(double[][] frameIds, int f, double alpha) {
        double[] a = frameIds[f], b = frameIds[frameIds.length - 1 - f];
        float[] v = new float[a.length];
        for (int i = 0; i < v.length; i++) v[i] = (float) (alpha * (a[i] - b[i]));
        return v;
    }

    public record Outcome(int samples, int written, ObjectNode summary) {
    }

    public Outcome run(List<TemporalSample> samples, ExperimentOutput out, boolean fresh, List<String> commandLine,
                       String idsSource) {
        AnswerPieces answers = AnswerPieces.resolve(lm.tokenizer(), settings.answers());
        ObjectNode all = settings.json();
        all.put("alpha", alpha);
        all.put("ids", idsSource);
        all.put("positions", settings.paperCompat()
                ? "paper: subject's last token and the next n2-1 tokens (n2 = words of the other object)"
                : "every token piece of the subject's name");
        all.put("id_layer", settings.paperCompat() ? "ID of layer L-1 added at block L (paper's off-by-one)"
                : "ID of layer L added at block L");
        all.put("delta", "log p(steered) - log p(clean)");
        all.set("answers", answers.json());
        if (controls.noise()) all.put("noise", "seeded Gaussian direction of the end-frame ID edit's norm, added as +r at frame 0 and -r at frame F-1");
        if (controls.alphas().length > 0) {
            ArrayNode a = all.putArray("alphas");
            for (double x : controls.alphas()) a.add(x);
        }
        ObjectNode header = TemporalSettings.header(NAME, lm, all, commandLine);
        int frames = settings.frames(), written = 0;
        try (ResultStore store = out.open(header, fresh)) {
            Progress progress = new Progress("temporal steer", (long) samples.size() * settings.layerCount() * frames);
            for (TemporalSample sample : samples) {
                List<int[]> pending = new ArrayList<>();   // {layer, frame}
                for (int layer = settings.firstLayer(); layer <= settings.lastLayer(); layer++)
                    for (int f = 0; f < frames; f++) {
                        if (!progress.stored(store, key(sample.id(), layer, f))) pending.add(new int[]{layer, f});
                    }
                List<Control> controlRuns = controls(sample.id()).stream().filter(c -> !store.has(c.key())).toList();
                if (pending.isEmpty() && controlRuns.isEmpty()) continue;
                ModelInput input = VideoPrompt.prepare(lm, sample.item().prompt(), frames, settings.raw());
                int[] at = SubjectPositions.of(input, sample.subject(), sample.other(), lm.tokenizer(), lm.locator(),
                        settings.paperCompat());
                Inputs clean = new Inputs(input.ids(), VideoPrompt.pixels(lm, sample.video().frames()));
                try (Trace trace = lm.hooked().trace(clean, TraceSpec.residuals())) {
                    float[] lc = LogProbs.of(trace.lastLogits());   // [V]
                    List<PatchedRun> runs = new ArrayList<>();
                    for (int[] cell : pending) {
                        float[] v = vector(ids.ids().get(sourceLayer(cell[0], settings.paperCompat())), cell[1], alpha);   // [d]
                        runs.add(PatchedRun.of(List.of(PositionEdit.add(Sites.residPost(cell[0]), at, v))));
                    }
                    List<float[]> steered = runs.isEmpty() ? List.of() : lm.hooked().batchLastLogProbs(trace, runs);   // each [V]
                    for (int i = 0; i < pending.size(); i++) {
                        int layer = pending.get(i)[0], f = pending.get(i)[1];
                        store.append(key(sample.id(), layer, f), record(sample, layer, f, at, answers, lc, steered.get(i)));
                        written++;
                        progress.step(sample.id() + " L" + layer + " f" + f);
                    }
                    List<PatchedRun> controlEdits = new ArrayList<>();
                    for (Control c : controlRuns) {
                        float[] v = controlVector(c, sample.id());   // [d]
                        controlEdits.add(PatchedRun.of(List.of(PositionEdit.add(Sites.residPost(c.layer()), at, v))));
                    }
                    List<float[]> controlled = controlEdits.isEmpty() ? List.of() : lm.hooked().batchLastLogProbs(trace, controlEdits);
                    for (int i = 0; i < controlRuns.size(); i++) {
                        Control c = controlRuns.get(i);
                        ObjectNode r = record(sample, c.layer(), c.frame(), at, answers, lc, controlled.get(i));
                        if (c.noise()) r.put("condition", "noise");
                        if (Double.isFinite(c.alpha())) r.put("alpha", c.alpha());
                        store.append(c.key(), r);
                        written++;
                    }
                }
            }
            progress.finish();
            ObjectNode summary = summary(store.header(), store.records());
            out.writeSummary(summary);
            return new Outcome(samples.size(), written, summary);
        }
    }

    public static String key(String sampleId, int layer, int frame) {
        return sampleId + "/L" + layer + "/f" + frame;
    }

    /**
     * One control edit: at an end frame, the ID edit at a further α (alpha finite) and/or a noise direction (noise);
     * alpha NaN = the run's own α.
     */
    record Control(String sampleId, int layer, int frame, boolean noise, double alpha) {
        String key() {
            return TemporalSteerExperiment.key(sampleId, layer, frame) + (noise ? "/noise" : "") + (Double.isFinite(alpha) ? "/a" + alpha : "");
        }
    }

    /** Every control edit of one sample, in a fixed order. */
    List<Control> controls(String sampleId) {
        List<Control> out = new ArrayList<>();
        int last = settings.frames() - 1;
        for (int layer = settings.firstLayer(); layer <= settings.lastLayer(); layer++)
            for (int f : new int[] {0, last}) {
                if (controls.noise()) out.add(new Control(sampleId, layer, f, true, Double.NaN));
                for (double a : controls.alphas()) {
                    out.add(new Control(sampleId, layer, f, false, a));
                    if (controls.noise()) out.add(new Control(sampleId, layer, f, true, a));
                }
            }
        return out;
    }

    /** The edit of a control: the end frame's ID edit at its α, or a same-norm noise direction (+ at frame 0, − at F−1). */
    private float[] controlVector(Control c, String sampleId) {
        double a = Double.isFinite(c.alpha()) ? c.alpha() : alpha;
        double[][] frameIds = ids.ids().get(sourceLayer(c.layer(), settings.paperCompat()));
        if (!c.noise()) return vector(frameIds, c.frame(), a);
        float[] id = vector(frameIds, 0, a);   // [d]
        float[] noise = noiseDirection(settings.seed(), sampleId, c.layer(), id.length);
        double norm = 0;
        for (float x : id) norm += (double) x * x;
        float scale = (float) (Math.sqrt(norm) * (c.frame() == 0 ? 1 : -1));
        for (int i = 0; i < noise.length; i++) noise[i] *= scale;
        return noise;
    }

    /** A unit Gaussian direction [d], seeded by the run's seed, the sample and the layer (the same at every α). */
    static float[] noiseDirection(long seed, String sampleId, int layer, int d) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed * 1_000_003L + sampleId.hashCode() * 31L + layer);
        double[] g = new double[d];
        double norm = 0;
        for (int i = 0; i < d; i++) {
            g[i] = rng.nextGaussian();
            norm += g[i] * g[i];
        }
        float[] out = new float[d];
        for (int i = 0; i < d; i++) out[i] = (float) (g[i] / Math.sqrt(norm));
        return out;
    }

    private ObjectNode record(TemporalSample sample, int layer, int f, int[] at, AnswerPieces answers, float[] clean,
                              float[] steered) {
        ObjectNode r = ExperimentOutput.object();
        r.put("sample", sample.id());
        r.put("layer", layer);
        r.put("id_layer", sourceLayer(layer, settings.paperCompat()));
        r.put("frame", f);
        r.put("mirror_frame", settings.frames() - 1 - f);
        r.put("question", sample.item().question());
        r.put("truth", sample.item().answer());
        r.put("subject", sample.subject());
        ArrayNode p = r.putArray("positions");
        for (int q : at) p.add(q);
        int b = answers.ids()[0], a = answers.ids()[1];
        r.put("clean_before", clean[b]);
        r.put("clean_after", clean[a]);
        r.put("delta_before", steered[b] - clean[b]);
        r.put("delta_after", steered[a] - clean[a]);
        return r;
    }

    /** Mean, std (ddof 1) and n of Δ per (truth, layer, frame) for both answers. */
    public record Cell(double meanBefore, double stdBefore, double meanAfter, double stdAfter, int n) {
    }

    /** The main records: the ID edits at the run's α (no control). */
    static List<JsonNode> main(List<JsonNode> records) {
        return records.stream().filter(r -> !r.has("condition") && !r.has("alpha")).toList();
    }

    /** truth → layer → frame → cell, from the main records (controls left out). */
    public static Map<String, Map<Integer, Map<Integer, Cell>>> cells(List<JsonNode> records) {
        Map<String, Map<Integer, Map<Integer, List<double[]>>>> groups = new TreeMap<>();
        for (JsonNode r : main(records)) {
            groups.computeIfAbsent(r.path("truth").asText(), k -> new TreeMap<>())
                    .computeIfAbsent(r.path("layer").asInt(), k -> new TreeMap<>())
                    .computeIfAbsent(r.path("frame").asInt(), k -> new ArrayList<>())
                    .add(new double[]{r.path("delta_before").asDouble(), r.path("delta_after").asDouble()});
        }
        Map<String, Map<Integer, Map<Integer, Cell>>> out = new TreeMap<>();
        groups.forEach((truth, byLayer) -> byLayer.forEach((layer, byFrame) -> byFrame.forEach((f, v) ->
                out.computeIfAbsent(truth, k -> new TreeMap<>()).computeIfAbsent(layer, k -> new TreeMap<>())
                        .put(f, new Cell(mean(v, 0), std(v, 0), mean(v, 1), std(v, 1), v.size())))));
        return out;
    }

    private static double mean(List<double[]> v, int k) {
        return v.stream().mapToDouble(x -> x[k]).average().orElse(Double.NaN);
    }

    private static double std(List<double[]> v, int k) {
        if (v.size() < 2) return Double.NaN;
        double m = mean(v, k), ss = 0;
        for (double[] x : v) ss += (x[k] - m) * (x[k] - m);
        return Math.sqrt(ss / (v.size() - 1));
    }

    /**
     * summary.json: per truth group, layer and ID frame the mean ± std of Δ"before" and Δ"after"; per layer the
     * headline effect = [Δbefore − Δafter at frame 0] − [the same at frame F−1], averaged over samples: positive when
     * steering the subject toward early frames makes "before" likelier than steering it toward late ones.
     */
    public static ObjectNode summary(JsonNode header, List<JsonNode> all) {
        List<JsonNode> records = main(all);
        JsonNode settings = header.path("settings");
        int frames = settings.path("frames").asInt();
        ObjectNode s = ExperimentOutput.object();
        s.put("experiment", NAME);
        s.put("model", header.path("model").asText());
        s.put("layer_convention", settings.path("layer_convention").asText());
        s.put("alpha", settings.path("alpha").asDouble());
        s.put("delta", "log p(steered) - log p(clean)");
        s.put("records", records.size());
        s.put("samples", records.stream().map(r -> r.path("sample").asText()).distinct().count());
        Map<Integer, List<Double>> effects = TemporalSteerControls.effects(records, frames);
        ObjectNode effect = s.putObject("early_minus_late_effect");
        effects.forEach((layer, v) -> effect.put(String.valueOf(layer),
                v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
        if (all.size() > records.size()) s.set("controls", TemporalSteerControls.summary(all, frames, settings.path("alpha").asDouble()));
        ObjectNode groups = s.putObject("groups");
        cells(records).forEach((truth, byLayer) -> {
            ObjectNode g = groups.putObject(truth);
            byLayer.forEach((layer, byFrame) -> {
                ObjectNode l = g.putObject(String.valueOf(layer));
                ArrayNode mb = l.putArray("mean_delta_before"), sb = l.putArray("std_delta_before"),
                        ma = l.putArray("mean_delta_after"), sa = l.putArray("std_delta_after"), n = l.putArray("n");
                byFrame.values().forEach(c -> {
                    Json.addFinite(mb, c.meanBefore());
                    Json.addFinite(sb, c.stdBefore());
                    Json.addFinite(ma, c.meanAfter());
                    Json.addFinite(sa, c.stdAfter());
                    n.add(c.n());
                });
            });
        });
        return s;
    }
}
