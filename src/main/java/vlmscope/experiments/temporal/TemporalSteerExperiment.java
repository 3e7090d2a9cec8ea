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
 */
public final class TemporalSteerExperiment {

    public static final String NAME = ExperimentNames.TEMPORAL_STEER;

    private final LoadedModel lm;
    private final TemporalSettings settings;
    private final TemporalIds.Loaded ids;
    private final double alpha;

    public TemporalSteerExperiment(LoadedModel lm, TemporalSettings settings, TemporalIds.Loaded ids, double alpha) {
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
                if (pending.isEmpty()) continue;
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
                    List<float[]> steered = lm.hooked().batchLastLogProbs(trace, runs);   // each [V]
                    for (int i = 0; i < pending.size(); i++) {
                        int layer = pending.get(i)[0], f = pending.get(i)[1];
                        store.append(key(sample.id(), layer, f), record(sample, layer, f, at, answers, lc, steered.get(i)));
                        written++;
                        progress.step(sample.id() + " L" + layer + " f" + f);
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

    /** truth → layer → frame → cell, from the records. */
    public static Map<String, Map<Integer, Map<Integer, Cell>>> cells(List<JsonNode> records) {
        Map<String, Map<Integer, Map<Integer, List<double[]>>>> groups = new TreeMap<>();
        for (JsonNode r : records) {
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
    public static ObjectNode summary(JsonNode header, List<JsonNode> records) {
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
        Map<Integer, List<Double>> effects = new TreeMap<>();
        Map<String, double[]> early = new java.util.HashMap<>();
        for (JsonNode r : records) {
            int f = r.path("frame").asInt();
            if (f != 0 && f != frames - 1) continue;
            String k = r.path("sample").asText() + "/" + r.path("layer").asInt();
            double[] e = early.computeIfAbsent(k, x -> new double[]{Double.NaN, Double.NaN});
            e[f == 0 ? 0 : 1] = r.path("delta_before").asDouble() - r.path("delta_after").asDouble();
            if (Double.isFinite(e[0]) && Double.isFinite(e[1])) {
                effects.computeIfAbsent(r.path("layer").asInt(), x -> new ArrayList<>()).add(e[0] - e[1]);
            }
        }
        ObjectNode effect = s.putObject("early_minus_late_effect");
        effects.forEach((layer, v) -> effect.put(String.valueOf(layer),
                v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
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
