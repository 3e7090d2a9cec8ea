package vlmscope.experiments.steer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.analysis.Vectors;
import vlmscope.experiments.ExperimentNames;
import vlmscope.processing.AnswerReadout;
import vlmscope.processing.AnswerTokens;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.Progress;
import vlmscope.experiments.ids.SpatialIdFile;
import vlmscope.engine.LogProbs;
import vlmscope.engine.PositionEdit;
import vlmscope.engine.PatchedRun;
import vlmscope.hooks.Site;
import vlmscope.hooks.Sites;
import vlmscope.engine.Trace;
import vlmscope.engine.TraceSpec;
import vlmscope.processing.Occurrence;
import vlmscope.results.ResultStore;
import vlmscope.engine.LoadedModel;
import vlmscope.world.QaTask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Arbitrary steering (docs/paper-mapping.md#steer-arbitrary, Fig 6): add {@code α·(U(c) − U(partner(c)))} to the subject word's residual
 * at {@code blocks.{L}.resid_post} for every target cell c of the m×m ID grid, and read both answer words'
 * log-probs at the last prompt position. One clean trace per sample; every (layer, cell) is a patched run from it
 * (suffix recomputation). No norm scaling (docs/paper-mapping.md#steer-arbitrary).
 * <ul>
 *   <li>{@code single} (docs/paper-mapping.md#steer-arbitrary, Fig 6A): one image; the subject moves to c and the reference to its x-mirror cell
 *       (the reference gets the opposite vector), at every occurrence of each word;</li>
 *   <li>{@code batch-lr} (docs/paper-mapping.md#steer-arbitrary, 6B), {@code near-far} (docs/paper-mapping.md#steer-arbitrary, 6C): partner = x-mirror (m−1−x, y);</li>
 *   <li>{@code in-between} (docs/paper-mapping.md#steer-arbitrary, 6D): partner = y-mirror (x, m−1−y).</li>
 * </ul>
 * Layers: L is the block index; by default the ID added at block L is the one measured at the same site. With
 * {@code paperCompat} the paper's off-by-one (docs/paper-mapping.md#layers, #paper-compat) is reproduced — the ID measured one block earlier
 * (the paper's key ℓ = HS[ℓ]) is added to the output of block L — and the batch modes edit the token after the
 * subject word (the +576 offset, docs/paper-mapping.md#paper-compat). {@code idLayer} fixes the ID layer for every L (the paper's single
 * run uses its layer 13).
 */
public final class ArbitrarySteering extends SteeringRun<ArbitrarySteering.Options> {

    public static final String EXPERIMENT = ExperimentNames.STEER_ARBITRARY;

    /** The four figure panels. */
    public enum Mode {
        SINGLE("single", QaTask.LEFT_RIGHT), BATCH_LR("batch-lr", QaTask.LEFT_RIGHT),
        NEAR_FAR("near-far", QaTask.NEAR_FAR), IN_BETWEEN("in-between", QaTask.IN_BETWEEN);

        private final String label;
        private final QaTask task;

        Mode(String label, QaTask task) {
            this.label = label;
            this.task = task;
        }

        public String label() {
            return label;
        }

        public QaTask task() {
            return task;
        }

        public static Mode parse(String s) {
            for (Mode m : values()) if (m.label.equals(s)) return m;
            throw new IllegalArgumentException("unknown mode " + s + " (single, batch-lr, near-far, in-between)");
        }

        /** The partner cell whose ID is subtracted: x-mirror, or y-mirror for in-between. */
        public int[] partner(int x, int y, int m) {
            return this == IN_BETWEEN ? new int[] {x, m - 1 - y} : new int[] {m - 1 - x, y};
        }
    }

    /**
     * @param mode        which panel
     * @param layers      block indices to steer
     * @param alpha       the factor on the raw ID difference (5 in the paper)
     * @param idLayer     a fixed ID layer, or null for the steered layer (minus one under paperCompat)
     * @param paperCompat reproduce the off-by-one layer and the +576 position offset
     * @param raw         the paper's raw {@code "<image>\n"} prompt
     * @param style       prompt wording
     * @param seed        seeds the samples
     */
    public record Options(Mode mode, int[] layers, double alpha, Integer idLayer, boolean paperCompat, boolean raw,
                          PromptStyle style, long seed) {

        public Options {
            layers = layers.clone();
        }

        public ObjectNode settings(SpatialIdFile ids) {
            ObjectNode s = ExperimentOutput.object();
            s.put("mode", mode.label());
            ArrayNode l = s.putArray("layers");
            for (int layer : layers) l.add(layer);
            s.put("alpha", alpha);
            if (idLayer == null) s.putNull("idLayer");
            else s.put("idLayer", idLayer);
            s.put("paperCompat", paperCompat);
            s.put("raw", raw);
            s.put("prompt", style.name().toLowerCase(Locale.ROOT));
            s.put("seed", seed);
            s.put("ids", ids.file().toAbsolutePath().toString());
            s.put("idSize", ids.size());
            s.put("gridSize", ids.gridSize());
            s.put("layerConvention", "L = blocks.L.resid_post (output of block L) = paper Convention P layer L; "
                    + (paperCompat ? "ID from blocks.(L-1).resid_post (paper off-by-one)" : "ID from the same site"));
            return s;
        }
    }

    public ArbitrarySteering(LoadedModel lm, SpatialIdFile ids, Options options) {
        super(lm, ids, options, options.layers());
    }

    @Override
    void checkIds(int layer) {
        ids.universal(idLayer(layer), 0, 0);
    }

    /** The layer whose IDs are added at block {@code layer}. */
    int idLayer(int layer) {
        if (options.idLayer() != null) return options.idLayer();
        if (!options.paperCompat()) return layer;
        if (layer == 0) throw new IllegalArgumentException("--paper-compat reads the ID one block earlier; layer 0 has none");
        return layer - 1;
    }

    /** The whole experiment into {@code out}: results, summary.json; returns the summary JSON. */
    public ObjectNode run(List<SteerSample> samples, ExperimentOutput out, boolean fresh, List<String> commandLine) {
        try (ResultStore store = out.open(header(EXPERIMENT, options.settings(ids), commandLine), fresh)) {
            run(samples, store, new Progress("steer " + options.mode().label(), samples.size()));
            ObjectNode summary = ArbitrarySummary.of(store.records(), options.mode(), ids.gridSize(), options.paperCompat());
            writeSummary(out, summary, EXPERIMENT, options.settings(ids));
            return summary;
        }
    }

    public void run(List<SteerSample> samples, ResultStore store, Progress progress) {
        for (SteerSample sample : samples) {
            if (keys(sample).stream().allMatch(store::has)) {
                progress.skip(1);
                continue;
            }
            runSample(sample, store);
            progress.step(sample.id());
        }
        progress.finish();
    }

    List<String> keys(SteerSample sample) {
        List<String> keys = new ArrayList<>();
        keys.add(sample.id() + "/none");
        int m = ids.gridSize();
        for (int layer : options.layers())
            for (int y = 0; y < m; y++)
                for (int x = 0; x < m; x++) keys.add(key(sample, layer, x, y));
        return keys;
    }

    static String key(SteerSample s, int layer, int x, int y) {
        return s.id() + "/L" + layer + "/x" + x + "_y" + y;
    }

    private void runSample(SteerSample sample, ResultStore store) {
        PreparedSample p = PreparedSample.of(lm, sample, options.style().text(sample.question(), options.paperCompat()), options.raw());
        List<String> words = sample.question().choices();
        AnswerTokens[] answer = words.stream().map(this::answerTokens).toArray(AnswerTokens[]::new);
        int[] subject = subjectPositions(p);
        int[] reference = options.mode() == Mode.SINGLE ? p.positions(lm, sample.reference(), Occurrence.ALL) : null;
        int m = ids.gridSize();
        try (Trace clean = lm.hooked().trace(p.inputs(), TraceSpec.residuals())) {
            if (!store.has(sample.id() + "/none")) {
                ObjectNode r = record(sample, -1);
                r.put("question", p.text());
                r.putArray("words").add(words.get(0)).add(words.get(1));
                r.putArray("subjectPositions").addAll(Arrays.stream(subject).mapToObj(i -> r.numberNode(i)).toList());
                putLp(r, clean.lastLogits(), answer);
                store.append(sample.id() + "/none", r);
            }
            List<int[]> cells = new ArrayList<>(); // {layer, x, y} of every run still missing, in key order
            List<PatchedRun> runs = new ArrayList<>();
            for (int layer : options.layers()) {
                for (int y = 0; y < m; y++) {
                    for (int x = 0; x < m; x++) {
                        if (store.has(key(sample, layer, x, y))) continue;
                        cells.add(new int[]{layer, x, y});
                        runs.add(PatchedRun.of(edits(layer, x, y, subject, reference)));
                    }
                }
            }
            List<float[]> steered = lm.hooked().batchLastLogits(clean, runs);   // each [V]
            for (int i = 0; i < cells.size(); i++) {
                int[] c = cells.get(i);
                ObjectNode r = record(sample, c[0]);
                r.put("x", c[1]);
                r.put("y", c[2]);
                putLp(r, steered.get(i), answer);
                store.append(key(sample, c[0], c[1], c[2]), r);
            }
        }
    }

    /** The edits steering the subject to cell (x, y) at {@code layer} (and, in single mode, the reference away). */
    List<PositionEdit> edits(int layer, int x, int y, int[] subject, int[] reference) {
        float[] v = steeringVector(layer, x, y);
        Site site = Sites.residPost(layer);
        List<PositionEdit> edits = new ArrayList<>();
        edits.add(PositionEdit.add(site, subject, v));
        if (reference != null) edits.add(PositionEdit.add(site, reference, Vectors.scaled(v, -1)));
        return edits;
    }

    /** α·(U(x, y) − U(partner(x, y))) with the IDs of {@link #idLayer}: [d]. */
    float[] steeringVector(int layer, int x, int y) {
        int[] partner = options.mode().partner(x, y, ids.gridSize());
        int idLayer = idLayer(layer);
        return Vectors.scaled(Vectors.minus(ids.universal(idLayer, x, y), ids.universal(idLayer, partner[0], partner[1])),
                options.alpha());
    }

    /** Every occurrence of the subject word; one position later under paperCompat in the batch modes (+576). */
    int[] subjectPositions(PreparedSample p) {
        int[] positions = p.positions(lm, p.sample().subject(), Occurrence.ALL);
        if (options.paperCompat() && options.mode() != Mode.SINGLE) {
            positions = Arrays.stream(positions).map(i -> i + 1).filter(i -> i < p.input().length()).toArray();
        }
        return positions;
    }

    private AnswerTokens answerTokens(String word) {
        AnswerReadout readout = !options.paperCompat() ? new AnswerReadout.EverySpelling()
                : options.mode() == Mode.SINGLE ? new AnswerReadout.LastPieceAfter("", false) : new AnswerReadout.LastPieceAfter(" ", true);
        return readout.resolve(lm.tokenizer(), word);
    }

    private ObjectNode record(SteerSample s, int layer) {
        ObjectNode r = ExperimentOutput.object();
        r.put("sample", s.id());
        r.put("label", s.correct());
        if (layer < 0) r.put("condition", "none");
        else {
            r.put("condition", "steer");
            r.put("layer", layer);
            r.put("idLayer", idLayer(layer));
        }
        return r;
    }

    private static void putLp(ObjectNode r, float[] logits, AnswerTokens[] answer) {
        float[] lp = LogProbs.of(logits);
        ArrayNode a = r.putArray("lp");
        for (AnswerTokens t : answer) a.add(t.logProb(lp));
    }

    /** Reads a record's log-prob pair. */
    static double[] lp(JsonNode r) {
        return new double[] {r.path("lp").get(0).asDouble(), r.path("lp").get(1).asDouble()};
    }
}
