package vlmscope.finetune;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.Json;
import vlmscope.VlmscopeException;
import vlmscope.experiments.ExperimentNames;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.Progress;
import vlmscope.experiments.ids.SpatialIdFile;
import vlmscope.organism.HeldOutSplit;
import vlmscope.results.ResultStore;
import vlmscope.results.RunHeader;
import vlmscope.tensor.SafetensorsFile;
import vlmscope.tensor.SafetensorsWriter;
import vlmscope.train.AdamW;
import vlmscope.train.ExampleEncoder;
import vlmscope.train.OrganismParameters;
import vlmscope.train.Parameter;
import vlmscope.train.ParameterGroup;
import vlmscope.train.StepRunner;
import vlmscope.train.TrainingForward;
import vlmscope.world.WorldRandom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spatial-ID-loss fine-tuning (docs/paper-mapping.md#finetune) of a trainable checkpoint: for every seed, a baseline arm (LM loss
 * only) and a with-ID-loss arm (LM + w · spatial-ID loss) start from the same weights and see the same batches
 * (the fixed-object sampler in both arms, so that only the loss differs). Selected tensors train with AdamW
 * (β = 0.9, 0.999), linear warm-up and decay, global-norm clipping at 1 and a skipped update on a non-finite loss
 * or gradient (the train package's {@link StepRunner}). Every {@code evalEvery} steps (and at 0 and the end) a
 * record {@code {arm}/s{seed}/step{n}} gets the held-out LM loss, spatial-ID loss and accuracy; a checkpoint of the
 * trained tensors and AdamW moments follows each record, so a killed run resumes at its last evaluation and
 * reaches the same numbers. With {@code saveModels} each finished run's weights go to {@code models/{arm}-s{seed}/}.
 */
public final class FinetuneExperiment {

    public static final String NAME = ExperimentNames.FINETUNE;
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final float CLIP_NORM = 1f;
    private static final int MAX_SKIPPED = 20;

    private final TrainableCheckpoint checkpoint;
    private final FinetuneSettings settings;
    private final ExperimentOutput output;
    private final SpatialIdFile ids;
    private final PairData data;

    public FinetuneExperiment(Path modelDir, FinetuneSettings settings, ExperimentOutput output) {
        this.checkpoint = TrainableCheckpoint.open(modelDir);
        this.settings = settings;
        this.output = output;
        this.ids = matchingIds(checkpoint, settings);
        this.data = new PairData(checkpoint.spec().canvas(), checkpoint.spec().gridSize(), HeldOutSplit.standard());
    }

    /** The settings' IDs file, refused unless it was extracted on a model of this checkpoint's grid and width. */
    private static SpatialIdFile matchingIds(TrainableCheckpoint checkpoint, FinetuneSettings settings) {
        SpatialIdFile ids = SpatialIdFile.read(settings.ids(), null);
        ids.requireLayer(settings.layer(), false);
        int cells = checkpoint.spec().gridSize();
        if (ids.gridSize() != cells || ids.width() != checkpoint.spec().textHidden()) {
            throw VlmscopeException.badInput(settings.ids(), "IDs for a " + ids.gridSize() + "x" + ids.gridSize()
                    + " grid of width " + ids.width() + ", but the model has a " + cells + "x" + cells + " grid of width "
                    + checkpoint.spec().textHidden(), "extract IDs on this checkpoint: vlmscope ids extract --model "
                    + checkpoint.dir() + " --cells " + cells);
        }
        return ids;
    }

    /**
     * Runs (or resumes) every arm and seed, then writes summary.json and the figure.
     *
     * @param stopAfter stop after this many optimizer steps in this call (−1: none), as a kill would; rerun to resume
     * @return the summary, or null when stopped early
     */
    public ObjectNode run(boolean fresh, List<String> commandLine, int stopAfter) {
        ObjectNode header = new RunHeader(NAME, checkpoint.dir().toString(), "fp32", settings.toJson(), commandLine).json();
        if (fresh) deleteCheckpoints();
        int[] budget = {stopAfter < 0 ? Integer.MAX_VALUE : stopAfter};
        try (ResultStore store = output.open(header, fresh);
             ExampleEncoder encoder = new ExampleEncoder(checkpoint.dir())) {
            Progress progress = new Progress("finetune", (long) settings.steps() * settings.arms().size() * settings.seeds().size());
            for (long seed : settings.seeds()) {
                for (FinetuneSettings.Arm arm : settings.arms()) {
                    if (!runArm(store, encoder, arm, seed, progress, budget)) return null;
                }
            }
            progress.finish();
            ObjectNode summary = FinetuneSummary.of(store.records(), settings);
            output.writeSummary(summary);
            new FinetuneFigure().make(ResultStore.read(output.resultsFile()), output.figuresDir());
            return summary;
        }
    }

    private boolean runArm(ResultStore store, ExampleEncoder encoder, FinetuneSettings.Arm arm, long seed,
                           Progress progress, int[] budget) {
        String prefix = arm.name() + "/s" + seed;
        Path file = checkpointFile(arm, seed);
        if (store.has(key(prefix, settings.steps()))) {
            progress.skip(settings.steps());
            return true;
        }
        try (NDManager root = Engine.getEngine("PyTorch").newBaseManager();
             AdamW adam = new AdamW(root, 0.9f, 0.999f, 1e-8f, settings.weightDecay())) {
            int start = 0;
            OrganismParameters params;
            if (Files.isRegularFile(file)) {
                try (SafetensorsFile f = SafetensorsFile.open(file)) {
                    JsonNode state = readState(f, file);
                    start = state.get("step").asInt();
                    params = checkpoint.load(root, name -> f.contains("param/" + name) ? f.readFloats("param/" + name) : null);
                    state.get("adam_steps").properties().forEach(e -> adam.restore(e.getKey(),
                            f.readFloats("adam_m/" + e.getKey()), f.readFloats("adam_v/" + e.getKey()),
                            f.info("adam_m/" + e.getKey()).shape(), e.getValue().asInt()));
                }
            } else {
                params = checkpoint.load(root, name -> null);
            }
            progress.skip(start);
            try (params) {
                return train(store, encoder, params, adam, arm, seed, start, file, progress, budget);
            }
        }
    }

    private boolean train(ResultStore store, ExampleEncoder encoder, OrganismParameters params, AdamW adam,
                          FinetuneSettings.Arm arm, long seed, int start, Path file, Progress progress, int[] budget) {
        String prefix = arm.name() + "/s" + seed;
        Set<String> selected = new HashSet<>(selection(params));
        List<Parameter> trainable = params.all().stream().filter(p -> selected.contains(p.name())).toList();
        boolean frozenVision = trainable.stream().noneMatch(p -> p.group() == ParameterGroup.VISION);
        TrainingForward forward = new TrainingForward(params);
        FinetuneObjective objective = new FinetuneObjective(forward, encoder, ids,
                settings.layer(), checkpoint);
        StepRunner runner = new StepRunner(forward, adam, CLIP_NORM);
        FixedObjectSampler sampler = new FixedObjectSampler(data, data.groups(false), settings.batch(), seed);
        LinearWarmupSchedule schedule = LinearWarmupSchedule.paper(settings.lr(), settings.steps());
        List<FinetuneObjective.Batch> heldOut = heldOutBatches(objective);
        double[] window = new double[4]; // LM sum, ID sum, ID count, steps
        int skipped = 0, skippedInRow = 0;
        for (int step = start; ; step++) {
            if (step % settings.evalEvery() == 0 || step == settings.steps()) {
                String key = key(prefix, step);
                if (step == settings.steps() && settings.saveModels()) {
                    FinetunedModel.write(checkpoint.dir(), output.dir().resolve("models").resolve(arm.name() + "-s" + seed), trainable);
                }
                if (!store.has(key)) store.append(key, record(objective, heldOut, frozenVision, arm, seed, step, window, skipped));
                window = new double[4];
                skipped = 0;
                if (step == settings.steps()) break;
                if (step > start) writeCheckpoint(file, params, adam, trainable, step);
            }
            if (budget[0]-- <= 0) return false;
            FinetuneObjective.Batch batch = objective.encode(sampler.batch(step));
            float[] parts = new float[2];
            StepRunner.Result r = runner.step(f -> {
                FinetuneObjective.Parts p = objective.losses(batch, frozenVision);
                parts[0] = p.lm().getFloat();
                parts[1] = p.id() == null ? Float.NaN : p.id().getFloat();
                NDArray total = arm.idWeight() > 0 && p.id() != null && parts[1] < 2f
                        ? p.lm().add(p.id().mul(arm.idWeight())) : p.lm();
                return new StepRunner.Loss(total, p.logits(), p.targets());
            }, trainable, schedule.at(step));
            skippedInRow = r.skipped() ? skippedInRow + 1 : 0;
            if (r.skipped()) skipped++;
            if (skippedInRow >= MAX_SKIPPED) {
                throw new VlmscopeException("fine-tuning diverged: " + MAX_SKIPPED + " non-finite steps in a row at step "
                        + step + " (" + prefix + "). Fix: lower --lr");
            }
            window[0] += parts[0];
            if (!Float.isNaN(parts[1])) {
                window[1] += parts[1];
                window[2]++;
            }
            window[3]++;
            progress.step(String.format("%s step %d lm %.3f id %.3f", prefix, step + 1, parts[0], parts[1]));
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw VlmscopeException.badInput(file, "cannot delete the finished checkpoint (" + e.getMessage() + ")", "delete it by hand");
        }
        return true;
    }

    /** The selected tensor names for the model's parameters under the settings. */
    public List<String> selection(OrganismParameters params) {
        return ParameterSelector.select(TrainableCheckpoint.sizes(params), ParameterSelector.Kind.parse(settings.selector()),
                settings.lastK(), settings.budget(), settings.biasOnly(), 0);
    }

    private List<FinetuneObjective.Batch> heldOutBatches(FinetuneObjective objective) {
        List<PairGroup> groups = data.groups(true);
        int[] order = FixedObjectSampler.shuffled(groups.size(), WorldRandom.forItem(0, "finetune-eval", 0));
        List<PairGroup> chosen = new ArrayList<>();
        for (int i = 0; i < Math.min(settings.evalGroups(), order.length); i++) chosen.add(groups.get(order[i]));
        FixedObjectSampler sampler = new FixedObjectSampler(data, chosen, settings.batch(), 0);
        List<FinetuneObjective.Batch> out = new ArrayList<>();
        for (long b = 0; b < sampler.batchesPerEpoch(); b++) out.add(objective.encode(sampler.batch(b)));
        return out;
    }

    private ObjectNode record(FinetuneObjective objective, List<FinetuneObjective.Batch> heldOut, boolean frozenVision,
                              FinetuneSettings.Arm arm, long seed, int step, double[] window, int skipped) {
        double lm = 0, id = 0;
        int idCount = 0, correct = 0, total = 0;
        for (FinetuneObjective.Batch b : heldOut) {
            try (NDScope ignored = new NDScope()) {
                FinetuneObjective.Parts p = objective.losses(b, frozenVision);
                lm += p.lm().getFloat() * p.targets().length;
                if (p.id() != null) {
                    id += p.id().getFloat();
                    idCount++;
                }
                for (boolean hit : StepRunner.hits(p.logits(), p.targets())) if (hit) correct++;
                total += p.targets().length;
            }
        }
        ObjectNode r = JSON.createObjectNode();
        r.put("arm", arm.name());
        r.put("seed", seed);
        r.put("step", step);
        r.put("lm_loss", lm / total);
        r.put("id_loss", idCount == 0 ? Double.NaN : id / idCount);
        r.put("accuracy", correct / (double) total);
        r.put("n_eval", total);
        if (window[3] > 0) {
            r.put("train_lm_loss", window[0] / window[3]);
            r.put("train_id_loss", window[2] == 0 ? Double.NaN : window[1] / window[2]);
        }
        r.put("skipped_steps", skipped);
        return r;
    }

    private void writeCheckpoint(Path file, OrganismParameters params, AdamW adam, List<Parameter> trainable, int step) {
        SafetensorsWriter w = new SafetensorsWriter();
        for (Parameter p : trainable) w.add("param/" + p.name(), p.value());
        ObjectNode steps = JSON.createObjectNode();
        for (Map.Entry<String, AdamW.Moments> e : adam.state().entrySet()) {
            w.add("adam_m/" + e.getKey(), e.getValue().m());
            w.add("adam_v/" + e.getKey(), e.getValue().v());
            steps.put(e.getKey(), e.getValue().steps()[0]);
        }
        ObjectNode state = JSON.createObjectNode();
        state.put("step", step);
        state.set("settings", settings.toJson());
        state.set("adam_steps", steps);
        w.metadata("state", state.toString());
        w.write(file);
    }

    private JsonNode readState(SafetensorsFile f, Path file) {
        try {
            JsonNode state = JSON.readTree(f.metadata().get("state"));
            if (!state.get("settings").equals(Json.normalised(settings.toJson()))) {
                throw VlmscopeException.badInput(file, "checkpoint made with other settings", "rerun with the same options or --fresh");
            }
            return state;
        } catch (IOException e) {
            throw VlmscopeException.badInput(file, "unreadable checkpoint state (" + e.getMessage() + ")", "delete it or use --fresh", e);
        }
    }

    private Path checkpointFile(FinetuneSettings.Arm arm, long seed) {
        return output.dir().resolve("checkpoint-" + arm.name() + "-s" + seed + ".safetensors");
    }

    private void deleteCheckpoints() {
        try {
            for (long seed : settings.seeds())
                for (FinetuneSettings.Arm arm : settings.arms()) Files.deleteIfExists(checkpointFile(arm, seed));
        } catch (IOException e) {
            throw VlmscopeException.badInput(output.dir(), "cannot delete old checkpoints (" + e.getMessage() + ")", "check the folder");
        }
    }

    private static String key(String prefix, int step) {
        return prefix + "/step" + step;
    }
}
