package vlmscope.experiments.steer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.processing.Verdicts;
import vlmscope.analysis.Vectors;
import vlmscope.experiments.ExperimentNames;
import vlmscope.processing.AnswerReadout;
import vlmscope.processing.AnswerTokens;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.Progress;
import vlmscope.experiments.ids.SpatialIdFile;
import vlmscope.engine.Generation;
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
import vlmscope.processing.Occurrence;
import vlmscope.results.ResultStore;
import vlmscope.engine.LoadedModel;
import vlmscope.world.QaTask;
import vlmscope.world.WorldRandom;
import vlmscope.VlmscopeException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Adversarial steering (docs/paper-mapping.md#steer-adversarial, Fig 2) with its controls and appendix variants.
 *
 * <p>Per sample: a clean trace and the baseline answer (greedy) with the answer log-probs at the first answer step.
 * Then, per layer L and condition, an edit at {@code blocks.{L}.resid_post} (the output of block L, which is the
 * paper's Convention-E layer L+1, {@code HS[L+1]}) at the first prompt occurrence of each object word:
 * <ul>
 *   <li>{@code id}: add {@code α·‖h‖·d/‖d‖} with {@code d = U(far) − U(near)} pushing the subject against the
 *       model's own answer (top-row cells for left/right, left-column cells for above/below, docs/paper-mapping.md#steer-adversarial) and the
 *       reference the other way; samples whose baseline answer names neither or both choices are skipped;</li>
 *   <li>{@code noise}: the same norms along fresh N(0, I) directions, seeded per (seed, sample, layer, object);</li>
 *   <li>{@code cross} (appendix A16): the ID difference of the other axis (left↔above, right↔below) at the same
 *       norms; a linear, axis-specific code predicts no swap;</li>
 *   <li>{@code oracle} (appendix A9, our definition — the paper's code has none): replace each object token's
 *       in-plane ID component by the universal ID of its ground-truth cell,
 *       {@code h' = h − Π(h − h_text) + Π U_L(cell)}, where Π projects onto the plane of the layer's x/y axes and
 *       {@code h_text} is the same token in a text-only run of the same prompt (so {@code h − h_text} is the
 *       image-induced part); accuracy is then read as for the baseline.</li>
 *   <li>{@code toward} (a vlmscope control): the {@code id} edit reversed, pushing the subject toward the answer the
 *       model already gives; a steering effect that is specific to the direction must not flip it.</li>
 * </ul>
 * With further {@code alphas} the id, noise, toward and cross edits are repeated at each α (a dose–response).
 * ‖h‖ is the norm of the edited row (the prompt occurrence). With {@code paperCompat} it is the paper's Frobenius
 * norm over every occurrence of the word in prompt and generated answer (docs/paper-mapping.md#steer-adversarial, #paper-compat).
 * Log-probs come from a patched run from the trace (suffix recomputation); with {@code maxNewTokens > 1} the
 * answer text comes from a generation with the edit in the prefill.
 */
public final class AdversarialSteering extends SteeringRun<AdversarialSteering.Options> {

    public static final String EXPERIMENT = ExperimentNames.STEER_ADVERSARIAL;

    /** The steering conditions. */
    public enum Condition {
        ID, NOISE, CROSS, ORACLE, TOWARD;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Condition parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown condition " + s + " (id, noise, cross, oracle, toward)");
            }
        }
    }

    /**
     * @param layers       block indices to steer
     * @param alpha        the factor α (5 in the paper)
     * @param conditions   which conditions to run
     * @param maxNewTokens answer length; 1 reads the answer as the first greedy token of the patched run
     * @param paperCompat  the paper's norm over all occurrences (and noise over all samples in the summary)
     * @param raw          the paper's raw {@code "<image>\n"} prompt instead of the chat template
     * @param style        prompt wording
     * @param seed         seeds the samples and the noise
     * @param fromBelief   steer against the model's belief (the answer word with the higher log-prob at the first
     *                     answer step) instead of against its answer text (the paper, which skips samples whose
     *                     answer names neither or both choices)
     * @param alphas       further α of the dose–response sweep (id, noise, toward and cross at each; may be empty);
     *                     their records carry an {@code "alpha"} field and key suffix {@code /a{α}}
     */
    public record Options(int[] layers, double alpha, Set<Condition> conditions, int maxNewTokens, boolean paperCompat,
                          boolean raw, PromptStyle style, long seed, boolean fromBelief, double[] alphas) {

        public Options {
            layers = layers.clone();
            conditions = Set.copyOf(conditions);
            if (maxNewTokens < 1) throw new IllegalArgumentException("--max-new-tokens must be at least 1");
            double main = alpha;
            alphas = java.util.Arrays.stream(alphas).filter(a -> a != main).distinct().sorted().toArray();
            for (double a : alphas) {
                if (!(a > 0)) throw new VlmscopeException("--alphas needs positive values, got " + a + ". Fix: e.g. --alphas 0.25,0.5,1,2,5");
            }
        }

        /** Without a dose–response sweep. */
        public Options(int[] layers, double alpha, Set<Condition> conditions, int maxNewTokens, boolean paperCompat,
                       boolean raw, PromptStyle style, long seed, boolean fromBelief) {
            this(layers, alpha, conditions, maxNewTokens, paperCompat, raw, style, seed, fromBelief, new double[0]);
        }

        /** Everything that changes the numbers (the results header's settings). */
        public ObjectNode settings(SpatialIdFile ids) {
            ObjectNode s = ExperimentOutput.object();
            ArrayNode l = s.putArray("layers");
            for (int layer : layers) l.add(layer);
            s.put("alpha", alpha);
            ArrayNode c = s.putArray("conditions");
            conditions.stream().sorted().forEach(x -> c.add(x.label()));
            s.put("maxNewTokens", maxNewTokens);
            s.put("paperCompat", paperCompat);
            s.put("raw", raw);
            s.put("prompt", style.name().toLowerCase(Locale.ROOT));
            s.put("seed", seed);
            s.put("direction", fromBelief ? "belief" : "answer");
            s.put("ids", ids.file().toAbsolutePath().toString());
            s.put("idSize", ids.size());
            if (alphas.length > 0) {
                ArrayNode a = s.putArray("alphas");
                for (double x : alphas) a.add(x);
            }
            s.put("layerConvention", "L = blocks.L.resid_post (output of block L) = paper Convention E layer L+1 (HS[L+1]);"
                    + " IDs are read at the same site they are added to");
            return s;
        }
    }

    public AdversarialSteering(LoadedModel lm, SpatialIdFile ids, Options options) {
        super(lm, ids, options, options.layers());
    }

    @Override
    void checkIds(int layer) {
        ids.universal(layer, 0, 0);
        if (options.conditions().contains(Condition.ORACLE)) ids.axis(layer, "x");
    }

    /**
     * The whole experiment: opens (or resumes) {@code out}'s results, runs the samples, writes summary.json and
     * returns the summary.
     */
    public AdversarialSummary.Result run(List<SteerSample> samples, ExperimentOutput out, boolean fresh, List<String> commandLine) {
        try (ResultStore store = out.open(header(EXPERIMENT, options.settings(ids), commandLine), fresh)) {
            run(samples, store, new Progress("steer adversarial", samples.size()));
            AdversarialSummary.Result summary = AdversarialSummary.of(store.records(), options.paperCompat(), options.alpha());
            writeSummary(out, summary.json(), EXPERIMENT, options.settings(ids));
            return summary;
        }
    }

    /** Runs every sample, appending the records that {@code store} does not yet have. */
    public void run(List<SteerSample> samples, ResultStore store, Progress progress) {
        Map<String, JsonNode> done = new HashMap<>();
        for (JsonNode r : store.records()) done.put(r.path("key").asText(), r);
        for (SteerSample sample : samples) {
            List<String> keys = keys(sample);
            if (keys.stream().allMatch(store::has)) {
                progress.skip(1);
                continue;
            }
            runSample(sample, store, done);
            progress.step(sample.id());
        }
        progress.finish();
    }

    /** Every result key of one sample: the baseline and one per (layer, condition). */
    List<String> keys(SteerSample sample) {
        List<String> keys = new ArrayList<>();
        keys.add(sample.id() + "/none");
        for (int layer : options.layers()) {
            for (Condition c : Condition.values())
                if (options.conditions().contains(c)) keys.add(key(sample, layer, c));
            for (double alpha : options.alphas())
                for (Condition c : swept()) keys.add(key(sample, layer, c, alpha));
        }
        return keys;
    }

    static String key(SteerSample sample, int layer, Condition c) {
        return sample.id() + "/L" + layer + "/" + c.label();
    }

    /** The key of a dose–response record at a further α. */
    static String key(SteerSample sample, int layer, Condition c, double alpha) {
        return key(sample, layer, c) + "/a" + alpha;
    }

    /** The conditions swept over the further α (the oracle has no α). */
    private List<Condition> swept() {
        return Arrays.stream(Condition.values()).filter(c -> c != Condition.ORACLE && options.conditions().contains(c)).toList();
    }

    private void runSample(SteerSample sample, ResultStore store, Map<String, JsonNode> done) {
        PreparedSample p = PreparedSample.of(lm, sample, options.style().text(sample.question(), false), options.raw());
        AnswerTokens pos = answerTokens(sample.correct()), neg = answerTokens(sample.wrong());
        HookedModel hooked = lm.hooked();
        try (Trace clean = hooked.trace(p.inputs(), TraceSpec.residuals())) {
            JsonNode baseline = done.get(sample.id() + "/none");
            if (baseline == null) {
                ObjectNode record = baselineRecord(p, clean, pos, neg);
                store.append(sample.id() + "/none", record);
                baseline = record;
            }
            String said = baseline.path("said").isNull() ? null : baseline.path("said").asText();
            int[] generated = intArray(baseline.path("generated"));
            int posA = p.positions(lm, sample.subject(), Occurrence.FIRST)[0];
            int posB = p.positions(lm, sample.reference(), Occurrence.FIRST)[0];
            Map<Integer, double[]> norms = norms(p, clean, generated, posA, posB);   // per layer, at α = 1
            Map<Integer, float[][]> textRows = options.conditions().contains(Condition.ORACLE) ? textRows(p) : Map.of();
            List<Pending> pending = new ArrayList<>();
            for (int layer : options.layers()) {
                for (Condition c : Condition.values()) {
                    if (!options.conditions().contains(c) || store.has(key(sample, layer, c))) continue;
                    ObjectNode record = ExperimentOutput.object();
                    record.put("sample", sample.id());
                    record.put("task", sample.question().task().name().toLowerCase(Locale.ROOT));
                    record.put("layer", layer);
                    record.put("condition", c.label());
                    double[] norm = scaled(norms.get(layer), options.alpha());
                    pending.add(new Pending(key(sample, layer, c), record,
                            edits(record, sample, clean, c, said, layer, posA, posB, norm, textRows)));
                }
                for (double alpha : options.alphas()) {
                    for (Condition c : swept()) {
                        if (store.has(key(sample, layer, c, alpha))) continue;
                        ObjectNode record = ExperimentOutput.object();
                        record.put("sample", sample.id());
                        record.put("task", sample.question().task().name().toLowerCase(Locale.ROOT));
                        record.put("layer", layer);
                        record.put("condition", c.label());
                        record.put("alpha", alpha);
                        pending.add(new Pending(key(sample, layer, c, alpha), record,
                                edits(record, sample, clean, c, said, layer, posA, posB, scaled(norms.get(layer), alpha), textRows)));
                    }
                }
            }
            answerAll(pending, p, clean, pos, neg);
            for (Pending q : pending) store.append(q.key(), q.record());
        }
    }

    /** One (layer, condition) record waiting for its answer; {@code edits} null when skipped. */
    private record Pending(String key, ObjectNode record, List<PositionEdit> edits) {
    }

    /** Answers every pending steered run: a one-token answer batches all runs over the trace, generation runs each. */
    private void answerAll(List<Pending> pending, PreparedSample p, Trace clean, AnswerTokens pos, AnswerTokens neg) {
        List<Pending> steered = pending.stream().filter(q -> q.edits() != null).toList();
        if (options.maxNewTokens() != 1) {
            for (Pending q : steered) answer(q.record(), p, clean, q.edits(), pos, neg);
            return;
        }
        List<float[]> logits = lm.hooked().batchLastLogits(clean, steered.stream().map(q -> PatchedRun.of(q.edits())).toList());   // each [V]
        for (int i = 0; i < steered.size(); i++) {
            fill(steered.get(i).record(), p, logits.get(i), new int[] {argmax(logits.get(i))}, pos, neg);
        }
    }

    /**
     * The edits of condition {@code c} at the norms {@code norm}, noted in {@code record}; null, with the reason in the
     * record, when the condition does not apply to this sample.
     */
    private List<PositionEdit> edits(ObjectNode record, SteerSample sample, Trace clean, Condition c, String said, int layer,
                                     int posA, int posB, double[] norm, Map<Integer, float[][]> textRows) {
        List<PositionEdit> edits = switch (c) {
            case ID, CROSS -> said == null ? null : directed(sample, layer, said, c == Condition.CROSS, posA, posB, norm);
            // toward the answer the model already gives: the ID direction reversed, which must not flip it
            case TOWARD -> said == null ? null : directed(sample, layer, other(sample, said), false, posA, posB, norm);
            case NOISE -> noise(sample, layer, posA, posB, norm);
            case ORACLE -> oracle(sample, layer, clean, posA, posB, textRows.get(layer));
        };
        if (edits == null) {
            record.put("skipped", "baseline answer names neither or both choices");
        } else {
            record.putArray("norms").add(norm[0]).add(norm[1]);
            record.putArray("positions").add(posA).add(posB);
        }
        return edits;
    }

    private static String other(SteerSample s, String said) {
        return s.question().choices().stream().filter(c -> !c.equals(said)).findFirst().orElseThrow();
    }

    private static double[] scaled(double[] norms, double alpha) {
        return new double[] {alpha * norms[0], alpha * norms[1]};
    }

    private AnswerTokens answerTokens(String word) {
        AnswerReadout readout = options.paperCompat() ? AnswerReadout.adversarialPaperPieces(lm.model().modelType()) : new AnswerReadout.EverySpelling();
        return readout.resolve(lm.tokenizer(), word);
    }

    private ObjectNode baselineRecord(PreparedSample p, Trace clean, AnswerTokens pos, AnswerTokens neg) {
        SteerSample s = p.sample();
        ObjectNode r = ExperimentOutput.object();
        r.put("sample", s.id());
        r.put("task", s.question().task().name().toLowerCase(Locale.ROOT));
        r.put("condition", "none");
        r.put("question", p.text());
        r.put("subject", s.subject());
        r.put("reference", s.reference());
        r.put("pos", s.correct());
        r.put("neg", s.wrong());
        int m = ids.gridSize();
        r.putArray("subjectCell").add(s.cellOf(s.subject(), m)[0]).add(s.cellOf(s.subject(), m)[1]);
        r.putArray("referenceCell").add(s.cellOf(s.reference(), m)[0]).add(s.cellOf(s.reference(), m)[1]);
        int[] generated = answer(r, p, clean, List.of(), pos, neg);
        ArrayNode g = r.putArray("generated");
        for (int t : generated) g.add(t);
        String said = options.fromBelief() ? (margin(r) > 0 ? s.correct() : margin(r) < 0 ? s.wrong() : null)
                : Verdicts.said(r.path("response").asText(), s.question().choices());
        if (said == null) r.putNull("said");
        else r.put("said", said);
        return r;
    }

    /** Fills lp, response and verdict; returns the generated ids. */
    private int[] answer(ObjectNode r, PreparedSample p, Trace clean, List<PositionEdit> edits, AnswerTokens pos, AnswerTokens neg) {
        float[] logits;
        int[] generated;
        if (options.maxNewTokens() == 1) {
            if (edits.isEmpty()) {
                logits = clean.lastLogits();
            } else {
                try (RunResult run = lm.hooked().run(clean, edits, Set.of())) {
                    logits = run.lastLogits();
                }
            }
            generated = new int[] {argmax(logits)};
        } else {
            int eos = lm.tokenizer().eosId();
            Generation g = lm.hooked().generate(p.inputs(), edits, options.maxNewTokens(), eos >= 0 ? Set.of(eos) : Set.of());
            logits = g.stepLogits().getFirst();
            generated = g.tokens();
        }
        return fill(r, p, logits, generated, pos, neg);
    }

    /** Fills lp, response and verdict from the first step's logits and the generated ids; returns the ids. */
    private int[] fill(ObjectNode r, PreparedSample p, float[] logits, int[] generated, AnswerTokens pos, AnswerTokens neg) {
        float[] lp = LogProbs.of(logits);
        r.putArray("lp").add(pos.logProb(lp)).add(neg.logProb(lp));
        String response = lm.tokenizer().decode(generated, true).toLowerCase(Locale.ROOT).strip();
        r.put("response", response);
        r.put("verdict", Verdicts.of(response, p.sample().correct(), p.sample().wrong()));
        return generated;
    }

    /** Per layer, the steering norms {sA, sB} = ‖h‖ of subject and reference (α = 1; scaled per α by the caller). */
    private Map<Integer, double[]> norms(PreparedSample p, Trace clean, int[] generated, int posA, int posB) {
        Map<Integer, double[]> out = new HashMap<>();
        if (!options.paperCompat()) {
            for (int layer : options.layers()) {
                float[][] rows = clean.rows(Sites.residPost(layer), posA, posB);   // [2, d]
                out.put(layer, new double[] {Vectors.norm(rows[0]), Vectors.norm(rows[1])});
            }
            return out;
        }
        // the paper: HS_L over prompt + generated[0..G-2] (the last generated token's state is never computed)
        int[] ids = p.inputs().ids();
        int extra = Math.max(0, generated.length - 1);
        int[] all = Arrays.copyOf(ids, ids.length + extra);
        System.arraycopy(generated, 0, all, ids.length, extra);
        String[] tokens = new String[all.length];
        System.arraycopy(p.input().tokens(), 0, tokens, 0, ids.length);
        for (int i = ids.length; i < all.length; i++) tokens[i] = lm.tokenizer().idToToken(all[i]);
        int[] occA = occurrences(tokens, lm.locator().lastPiece(p.sample().subject()));
        int[] occB = occurrences(tokens, lm.locator().lastPiece(p.sample().reference()));
        boolean answerHasWord = Arrays.stream(occA).anyMatch(i -> i >= ids.length) || Arrays.stream(occB).anyMatch(i -> i >= ids.length);
        Trace source = answerHasWord ? lm.hooked().trace(new Inputs(all, p.inputs().images()), TraceSpec.residuals()) : clean;
        try {
            for (int layer : options.layers()) {
                Site site = Sites.residPost(layer);
                out.put(layer, new double[] {Vectors.frobenius(source.rows(site, occA)),
                        Vectors.frobenius(source.rows(site, occB))});
            }
        } finally {
            if (source != clean) source.close();
        }
        return out;
    }

    private static int[] occurrences(String[] tokens, String piece) {
        return IntStream.range(0, tokens.length).filter(i -> tokens[i].equals(piece)).toArray();
    }

    /** ID (or cross-axis) steering against the baseline answer {@code said}. */
    List<PositionEdit> directed(SteerSample s, int layer, String said, boolean cross, int posA, int posB, double[] norm) {
        String target = s.question().choices().stream().filter(c -> !c.equals(said)).findFirst().orElseThrow();
        String from = cross ? crossWord(said) : said, to = cross ? crossWord(target) : target;
        int[] toCell = cell(to), fromCell = cell(from);
        float[] d = Vectors.minus(ids.universal(layer, toCell[0], toCell[1]), ids.universal(layer, fromCell[0], fromCell[1]));
        Site site = Sites.residPost(layer);
        return List.of(PositionEdit.add(site, new int[] {posA}, Vectors.withLength(d, norm[0])),
                PositionEdit.add(site, new int[] {posB}, Vectors.withLength(Vectors.scaled(d, -1), norm[1])));
    }

    /** Same-norm Gaussian directions, fresh per (sample, layer, object) and reproducible from the seed. */
    List<PositionEdit> noise(SteerSample s, int layer, int posA, int posB, double[] norm) {
        int d = ids.width();
        float[] a = Vectors.gaussian(WorldRandom.forItem(options.seed(), "steer-noise/L" + layer + "/subject", s.index()), d);
        float[] b = Vectors.gaussian(WorldRandom.forItem(options.seed(), "steer-noise/L" + layer + "/reference", s.index()), d);
        Site site = Sites.residPost(layer);
        return List.of(PositionEdit.add(site, new int[] {posA}, Vectors.withLength(a, norm[0])),
                PositionEdit.add(site, new int[] {posB}, Vectors.withLength(b, norm[1])));
    }

    /** A9: in-plane ID components replaced by the ground-truth cells' universal IDs. */
    List<PositionEdit> oracle(SteerSample s, int layer, Trace clean, int posA, int posB, float[][] textRows) {
        Site site = Sites.residPost(layer);
        float[][] h = clean.rows(site, posA, posB);   // [2, d]
        float[] ax = ids.axis(layer, "x"), ay = ids.axis(layer, "y");
        List<PositionEdit> edits = new ArrayList<>();
        String[] words = {s.subject(), s.reference()};
        int[] positions = {posA, posB};
        for (int i = 0; i < 2; i++) {
            if (i == 1 && posB == posA) break;
            int[] cell = s.cellOf(words[i], ids.gridSize());
            float[] imageId = Vectors.minus(h[i], textRows[i]);
            float[] replaced = Vectors.plus(Vectors.minus(h[i], Vectors.ontoPlane(imageId, ax, ay)),
                    Vectors.ontoPlane(ids.universal(layer, cell[0], cell[1]), ax, ay));
            edits.add(PositionEdit.replace(site, new int[] {positions[i]}, new float[][] {replaced}));
        }
        return edits;
    }

    /** Per layer, the subject and reference rows [2, d] of a text-only run of the same prompt. */
    private Map<Integer, float[][]> textRows(PreparedSample p) {
        ModelInput text = lm.prepare(lm.render(p.text(), options.raw(), false), 0);
        int a = lm.locator().positions(text, p.sample().subject(), Occurrence.FIRST)[0];
        int b = lm.locator().positions(text, p.sample().reference(), Occurrence.FIRST)[0];
        Map<Integer, float[][]> out = new HashMap<>();
        try (Trace t = lm.hooked().trace(new Inputs(text.ids(), List.of()), TraceSpec.residuals())) {
            for (int layer : options.layers()) out.put(layer, t.rows(Sites.residPost(layer), a, b));
        }
        return out;
    }

    /** The ID cell standing for an answer word: top row for left/right, left column for above/below (docs/paper-mapping.md#steer-adversarial). */
    private int[] cell(String word) {
        int last = ids.gridSize() - 1;
        return switch (word) {
            case "left", "above" -> new int[] {0, 0};
            case "right" -> new int[] {last, 0};
            case "below" -> new int[] {0, last};
            default -> throw new IllegalArgumentException("adversarial steering needs left/right or above/below, got " + word);
        };
    }

    private static String crossWord(String word) {
        return switch (word) {
            case "left" -> "above";
            case "right" -> "below";
            case "above" -> "left";
            case "below" -> "right";
            default -> throw new IllegalArgumentException(word);
        };
    }

    private static double margin(JsonNode r) {
        return r.path("lp").get(0).asDouble() - r.path("lp").get(1).asDouble();
    }

    private static int[] intArray(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    /** The tasks adversarial steering asks. */
    public static final Set<QaTask> TASKS = Set.of(QaTask.LEFT_RIGHT, QaTask.ABOVE_BELOW);
}
