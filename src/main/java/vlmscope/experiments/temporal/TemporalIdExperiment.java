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
import vlmscope.hooks.Sites;
import vlmscope.engine.Trace;
import vlmscope.engine.TraceSpec;
import vlmscope.engine.Inputs;
import vlmscope.processing.ModelInput;
import vlmscope.processing.Occurrence;
import vlmscope.results.ResultStore;
import vlmscope.results.VectorStore;
import vlmscope.engine.LoadedModel;
import vlmscope.world.QaTask;
import vlmscope.world.Background;
import vlmscope.world.Catalogue;
import vlmscope.world.QuestionForms;
import vlmscope.world.Video;
import vlmscope.experiments.ids.PlaneNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Temporal ID extraction (Fig 10B; docs/paper-mapping.md#temporal). For each of {@code pairs} object pairs (o1, o2) and each pair of
 * distinct start frames (f1, f2) in 0..F-1, a probe video ({@link ProbeVideos}) in which o1 first appears at f1 and
 * o2 at f2 is asked "Does the o1 come before or after the o2?"; one traced forward per video records the residual
 * rows {@code blocks.L.resid_post} at each object word (its last piece, located in the prompt — no hard-coded
 * offsets) for every layer. One text-only run of the first pair's question records the rows at "before" and "after"
 * (the text anchors). From the records: per-frame IDs ({@link TemporalIds}), a 1-D PCA per layer with the paper's
 * sign rule ({@link TemporalAxis}), summary.json, and {@code temporal_ids.safetensors} (keys {@code L{l}/frame{f}},
 * {@code L{l}/text/before|after}) for the steering command.
 */
public final class TemporalIdExperiment {

    public static final String NAME = ExperimentNames.TEMPORAL_IDS;
    public static final String VECTORS = "temporal_ids.safetensors";

    /** Permutations of the frame-label null (as Fig 5's cell-label null). */
    static final int NULL_PERMUTATIONS = PlaneNull.DEFAULT_PERMUTATIONS;

    private final LoadedModel lm;
    private final TemporalSettings settings;
    private final int pairs;
    private final int pcaLayer;

    /**
     * @param pairs    object pairs (the paper used 5); at most half the catalogue
     * @param pcaLayer the layer of the headline PCA (null = the paper's relative depth, {@link #defaultPcaLayer})
     */
    public TemporalIdExperiment(LoadedModel lm, TemporalSettings settings, int pairs, Integer pcaLayer) {
        int max = Catalogue.names().size() / 2;
        if (pairs < 1 || pairs > max) {
            throw new VlmscopeException("--pairs " + pairs + " is outside 1-" + max + ". Fix: e.g. --pairs 5");
        }
        this.lm = lm;
        this.settings = settings;
        this.pairs = pairs;
        this.pcaLayer = pcaLayer != null ? pcaLayer
                : Math.clamp(defaultPcaLayer(lm.model().numLayers()), settings.firstLayer(), settings.lastLayer());
        if (this.pcaLayer < settings.firstLayer() || this.pcaLayer > settings.lastLayer()) {
            throw new VlmscopeException("--pca-layer " + this.pcaLayer + " is outside --layers " + settings.firstLayer()
                    + "-" + settings.lastLayer() + ". Fix: choose a layer inside the range");
        }
    }

    /**
     * The paper's PCA layer at this depth: its hidden_states[12] of a 28-block model is the output of block 11, i.e.
     * 11/27 of the way through; for N blocks, round(11/27·(N-1)).
     */
    public static int defaultPcaLayer(int blocks) {
        return (int) Math.round(11.0 / 27.0 * (blocks - 1));
    }

    /** One probe: the two objects, their start frames, and the seed of its colours and boxes. */
    public record Probe(String o1, String o2, int f1, int f2, long seed) {
        public String key() {
            return o1 + "-" + o2 + "/f" + f1 + "-" + f2;
        }
    }

    /** The probe list: the first {@code pairs} pairs of a seeded shuffle of the catalogue, every f1 ≠ f2. */
    public static List<Probe> probes(long seed, int pairs, int frames) {
        List<String> kinds = new ArrayList<>(Catalogue.names());
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = kinds.size() - 1; i > 0; i--) java.util.Collections.swap(kinds, i, rng.nextInt(i + 1));
        List<Probe> out = new ArrayList<>();
        for (int p = 0; p < pairs; p++)
            for (int f1 = 0; f1 < frames; f1++)
                for (int f2 = 0; f2 < frames; f2++)
                    if (f1 != f2) out.add(new Probe(kinds.get(2 * p), kinds.get(2 * p + 1), f1, f2, seed * 1_000_003L + out.size()));
        return out;
    }

    /** The probe's video: o1 from f1, o2 from f2, random colours and boxes, a filler before both when needed. */
    public static Video video(Probe probe, int canvas, int frames, Background background) {
        SplittableRandom rng = new SplittableRandom(probe.seed());
        List<ProbeVideos.Appearance> shown = List.of(
                new ProbeVideos.Appearance(probe.o1(), ProbeVideos.colour(rng), ProbeVideos.anywhere(rng, canvas), probe.f1()),
                new ProbeVideos.Appearance(probe.o2(), ProbeVideos.colour(rng), ProbeVideos.anywhere(rng, canvas), probe.f2()));
        return ProbeVideos.build(canvas, frames, background, shown,
                ProbeVideos.filler(rng, canvas, Set.of(probe.o1(), probe.o2())));
    }

    /** What a run did: probe videos, records written now, and the summary written. */
    public record Outcome(int probes, int written, ObjectNode summary) {
    }

    public Outcome run(ExperimentOutput out, boolean fresh, List<String> commandLine) {
        AnswerPieces answers = AnswerPieces.resolve(lm.tokenizer(), settings.answers());
        ObjectNode all = settings.json();
        all.put("pairs", pairs);
        all.put("pca_layer", pcaLayer);
        all.put("id_definition", "mean over objects of each object's mean row at its word when first shown at frame f"
                + (settings.paperCompat() ? " (paper-compat: last row kept, not averaged)" : ""));
        all.set("answers", answers.json());
        ObjectNode header = TemporalSettings.header(NAME, lm, all, commandLine);
        List<Probe> probes = probes(settings.seed(), pairs, settings.frames());
        int written = 0;
        try (ResultStore store = out.open(header, fresh)) {
            Progress progress = new Progress("temporal ids", probes.size() + 1L);
            if (!progress.stored(store, "anchors")) {
                store.append("anchors", anchors(probes.getFirst()));
                written++;
                progress.step("text anchors");
            }
            for (Probe probe : probes) {
                if (progress.stored(store, probe.key())) continue;
                Background background = settings.backgrounds().draw(new SplittableRandom(probe.seed() ^ 0x5DEECE66DL));
                Video video = video(probe, settings.canvas(), settings.frames(), background);
                store.append(probe.key(), record(probe, video, answers));
                written++;
                progress.step(probe.key());
            }
            progress.finish();
            ObjectNode summary = summary(store.header(), store.records());
            out.writeSummary(summary);
            Map<Integer, double[][]> ids = TemporalIds.frameIds(store.records(), settings.frames(), settings.paperCompat());
            ObjectNode meta = ExperimentOutput.object();
            meta.put("experiment", NAME);
            meta.put("model", lm.directory().toString());
            meta.put("frames", settings.frames());
            meta.put("layer_convention", TemporalSettings.LAYER_CONVENTION);
            VectorStore.write(out.dir().resolve(VECTORS), TemporalIds.vectors(ids, TemporalIds.anchors(store.records())), meta);
            return new Outcome(probes.size(), written, summary);
        }
    }

    private ObjectNode record(Probe probe, Video video, AnswerPieces answers) {
        String question = QuestionForms.beforeAfter(probe.o1(), probe.o2());
        String text = question + " " + QuestionForms.instruction(QaTask.BEFORE_AFTER);
        ModelInput input = VideoPrompt.prepare(lm, text, settings.frames(), settings.raw());
        int p1 = lm.locator().positions(input, probe.o1(), Occurrence.FIRST)[0];
        int p2 = lm.locator().positions(input, probe.o2(), Occurrence.FIRST)[0];
        ObjectNode r = ExperimentOutput.object();
        r.put("kind", "probe");
        r.put("o1", probe.o1());
        r.put("o2", probe.o2());
        r.put("f1", probe.f1());
        r.put("f2", probe.f2());
        r.put("pos1", p1);
        r.put("pos2", p2);
        r.put("truth", probe.f1() < probe.f2() ? "before" : "after");
        try (Trace t = lm.hooked().trace(new Inputs(input.ids(), VideoPrompt.pixels(lm, video.frames())), TraceSpec.residuals())) {
            float[] lp = LogProbs.of(t.lastLogits());   // [V]
            r.put("logprob_before", lp[answers.ids()[0]]);
            r.put("logprob_after", lp[answers.ids()[1]]);
            putRows(r, t, p1, "o1", p2, "o2");
        }
        return r;
    }

    /** Text-only run of the first pair's question: rows at "before" and "after". */
    private ObjectNode anchors(Probe first) {
        String text = QuestionForms.beforeAfter(first.o1(), first.o2()) + " "
                + QuestionForms.instruction(QaTask.BEFORE_AFTER);
        ModelInput input = lm.prepare(lm.render(text, settings.raw(), false), 0);
        int before = lm.locator().positions(input, "before", Occurrence.FIRST)[0];
        int after = lm.locator().positions(input, "after", Occurrence.FIRST)[0];
        ObjectNode r = ExperimentOutput.object();
        r.put("kind", "anchors");
        r.put("question", text);
        r.put("pos_before", before);
        r.put("pos_after", after);
        try (Trace t = lm.hooked().trace(new Inputs(input.ids(), List.of()), TraceSpec.residuals())) {
            putRows(r, t, before, "before", after, "after");
        }
        return r;
    }

    /** Records {@code rows.L{layer}.{nameA|nameB}}: the residual rows at positions {@code a} and {@code b} of every layer. */
    private void putRows(ObjectNode r, Trace t, int a, String nameA, int b, String nameB) {
        ObjectNode rows = r.putObject("rows");
        for (int layer = settings.firstLayer(); layer <= settings.lastLayer(); layer++) {
            float[][] at = t.rows(Sites.residPost(layer), a, b);   // [2, d]
            ObjectNode l = rows.putObject("L" + layer);
            TemporalIds.put(l, nameA, at[0]);
            TemporalIds.put(l, nameB, at[1]);
        }
    }

    /**
     * summary.json: per layer the 1-D PCA's explained variance, the frames' normalised scores, their rank
     * correlation with time, and the anchors' normalised positions; the headline layer; the model's own before/after answer accuracy on the probe videos (not a probe classifier).
     */
    public static ObjectNode summary(JsonNode header, List<JsonNode> records) {
        JsonNode settings = header.path("settings");
        int frames = settings.path("frames").asInt();
        int pcaLayer = settings.path("pca_layer").asInt();
        ObjectNode s = ExperimentOutput.object();
        s.put("experiment", NAME);
        s.put("model", header.path("model").asText());
        s.put("layer_convention", settings.path("layer_convention").asText());
        long probes = records.stream().filter(r -> r.has("o1")).count();
        s.put("probes", probes);
        long correct = records.stream().filter(r -> r.has("o1")).filter(r -> {
            boolean saysBefore = r.path("logprob_before").asDouble() > r.path("logprob_after").asDouble();
            return saysBefore == r.path("truth").asText().equals("before");
        }).count();
        s.put("answer_accuracy_on_probe_videos", probes == 0 ? Double.NaN : (double) correct / probes);
        s.put("pca_layer", pcaLayer);
        if (probes == 0) return s;
        boolean overwrite = settings.path("paper_compat").asBoolean();
        Map<Integer, double[][]> ids = TemporalIds.frameIds(records, frames, overwrite);
        Map<Integer, List<TemporalIds.Observation>> observations = TemporalIds.observations(records);
        Map<Integer, double[][]> anchors = TemporalIds.anchors(records);
        s.put("null_definition", "frame-label permutation null: the frame labels of a layer's object observations are shuffled"
                + " among them (" + NULL_PERMUTATIONS + " permutations, seeded by the layer), the frame IDs recomputed and the"
                + " 1-D PCA refitted; null_p_explained / null_p_rank: one-sided p = (1 + #null >= observed) / (1 + permutations)"
                + " of the explained variance and of the rank correlation with time; null_p95_*: the nulls' 95th percentiles");
        ObjectNode layers = s.putObject("layers");
        ids.forEach((layer, frameIds) -> {
            TemporalAxis axis = TemporalAxis.fit(frameIds);
            ObjectNode l = layers.putObject(String.valueOf(layer));
            Json.putFinite(l, "explained_variance_ratio", axis.explained());
            Json.putFinite(l, "rank_correlation_with_time", axis.rankCorrelation());
            TemporalNull.of(observations.get(layer), frames, overwrite, NULL_PERMUTATIONS, layer).into(l);
            ArrayNode scores = l.putArray("frame_scores");
            for (double v : axis.normalisedScores()) Json.addFinite(scores, v);
            if (anchors.containsKey(layer)) {
                Json.putFinite(l, "before", axis.normalised(anchors.get(layer)[0]));
                Json.putFinite(l, "after", axis.normalised(anchors.get(layer)[1]));
            }
            if (layer == pcaLayer) s.set("headline", l.deepCopy());
        });
        return s;
    }
}
