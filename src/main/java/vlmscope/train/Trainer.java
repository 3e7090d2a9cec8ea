package vlmscope.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.Json;
import vlmscope.VlmscopeException;
import vlmscope.experiments.Progress;
import vlmscope.organism.Example;
import vlmscope.organism.HeldOutSplit;
import vlmscope.organism.OrganismFiles;
import vlmscope.organism.OrganismSpec;
import vlmscope.organism.OrganismVocabulary;
import vlmscope.organism.OrganismWorld;
import vlmscope.organism.TensorNames;
import vlmscope.tensor.SafetensorsFile;
import vlmscope.tensor.SafetensorsWriter;
import vlmscope.world.QaTask;
import vlmscope.world.Scene;
import vlmscope.world.WorldRandom;
import vlmscope.TempFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Trains an organism into a folder, stage by stage, with data drawn on the fly from {@code vlmscope.world}: example
 * i of step s of a stage comes from {@code WorldRandom.forItem(seed, stage, s·batch + i)}, so the data cursor is the
 * step number. Every {@code checkpointEvery} steps it writes {@code checkpoint.safetensors} atomically (parameters,
 * AdamW moments and step counts, curves, plan); a restart resumes from it and continues to the same weights. At the
 * end the HF checkpoint folder is written and the checkpoint is removed.
 */
public final class Trainer {

    public static final String CHECKPOINT = "checkpoint.safetensors";
    public static final String SUMMARY = "training.json";
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final float CLIP_NORM = 1.0f;
    private static final float WEIGHT_DECAY = 0.01f;
    /** Consecutive non-finite steps after which training stops with an error. */
    private static final int MAX_SKIPPED = 20;

    private final Path dir;
    private final TrainerOptions options;
    private final PrintStream progress;
    private long loopStartNanos;
    private int loopStartStep;
    private final OrganismVocabulary vocab;
    private final OrganismWorld world;
    private final List<CurvePoint> curves = new ArrayList<>();
    private long dataNanos;
    private double[] phases = new double[3];

    public Trainer(Path dir, TrainerOptions options, PrintStream progress) {
        this.dir = dir;
        this.options = options;
        this.progress = progress;
        this.vocab = OrganismWorld.vocabulary(options.spec().gridSize());
        if (vocab.size() != options.spec().vocabSize()) {
            throw new IllegalArgumentException("spec vocab " + options.spec().vocabSize() + " != " + vocab.size());
        }
        this.world = new OrganismWorld(options.spec().canvas(), options.spec().gridSize(), HeldOutSplit.standard());
    }

    /** The organism vocabulary for an m×m grid. */
    public static OrganismVocabulary vocabulary(int cells) {
        return OrganismWorld.vocabulary(cells);
    }

    /** Curve points so far (restored ones included after a resume). */
    public List<CurvePoint> curves() {
        return List.copyOf(curves);
    }

    /** Trains (or resumes) and returns the number of global steps done. */
    public int run() {
        OrganismFiles.writeMetadata(dir, options.spec(), vocab);
        try (NDManager root = Engine.getEngine("PyTorch").newBaseManager();
             ExampleEncoder encoder = new ExampleEncoder(dir)) {
            Path checkpoint = dir.resolve(CHECKPOINT);
            OrganismParameters params;
            AdamW adam = new AdamW(root, 0.9f, 0.98f, 1e-8f, WEIGHT_DECAY);
            int start;
            if (Files.isRegularFile(checkpoint)) {
                Restored r = restore(checkpoint, root, adam);
                params = r.params;
                start = r.step;
                if (!options.quiet()) progress.printf("resuming from %s at step %d%n", checkpoint, start);
            } else {
                params = initialParameters(root);
                start = 0;
            }
            try (params; adam) {
                int done = loop(params, adam, encoder, start);
                if (done == options.plan().total()) {
                    writeModel(params);
                    writeSummary(params, done);
                    Files.deleteIfExists(checkpoint);
                }
                return done;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OrganismParameters initialParameters(NDManager root) {
        OrganismParameters.DenseHeadShape head = DenseBatch.headShape(options.spec().gridSize());
        if (options.initFrom() == null) return OrganismParameters.initialise(options.spec(), head, root, options.seed());
        Path weights = options.initFrom().resolve("model.safetensors");
        if (!Files.isRegularFile(weights)) {
            throw VlmscopeException.badInput(weights, "no organism weights to start from",
                    "train an organism there first, or drop --from");
        }
        try (SafetensorsFile f = SafetensorsFile.open(weights)) {
            return OrganismParameters.fromModel(options.spec(), head, root, options.seed(), f);
        } catch (IllegalArgumentException e) {
            throw VlmscopeException.badInput(weights, "weights do not fit this organism's size (" + e.getMessage() + ")",
                    "start from an organism of the same size (drop --tiny, or train one)", e);
        }
    }

    private int loop(OrganismParameters params, AdamW adam, ExampleEncoder encoder, int start) {
        TrainingForward forward = new TrainingForward(params);
        StepRunner runner = new StepRunner(forward, adam, CLIP_NORM);
        int total = options.plan().total();
        int stop = options.stopAfter() < 0 ? total : Math.min(total, options.stopAfter());
        Window window = new Window();
        int skippedInRow = 0;
        for (int step = start; step < stop; step++) {
            TrainingPlan.StagePlan plan = options.plan().at(step);
            int local = step - plan.start();
            java.util.Set<ParameterGroup> trained = trainedGroups(plan.stage());
            List<Parameter> trainable = params.all().stream().filter(p -> trained.contains(p.group())).toList();
            float lr = plan.schedule().at(local);
            long t0 = System.nanoTime();
            StepRunner.Result result;
            String[] labels;
            if (plan.stage() == Stage.VISION) {
                DenseBatch batch = denseBatch(encoder, step, plan.batch());
                dataNanos += System.nanoTime() - t0;
                result = runner.step(f -> Losses.dense(f, batch, params.head()), trainable, lr);
                labels = denseLabels(batch);
            } else {
                TextBatch batch = textBatch(encoder, plan.stage(), step, plan.batch());
                dataNanos += System.nanoTime() - t0;
                boolean frozenVision = !trained.contains(ParameterGroup.VISION);
                result = runner.step(f -> Losses.text(f, batch, vocab.imageId(), frozenVision), trainable, lr);
                labels = targetLabels(batch);
            }
            skippedInRow = result.skipped() ? skippedInRow + 1 : 0;
            if (skippedInRow >= MAX_SKIPPED) {
                throw new VlmscopeException("training diverged: " + MAX_SKIPPED + " steps in a row with a non-finite "
                        + "loss or gradient at step " + step + ". Fix: lower the learning rate or change --seed");
            }
            window.add(labels, result, plan.batch());
            int doneSteps = step + 1;
            boolean stageEnds = doneSteps == plan.end();
            if (!options.quiet()) progressLine(plan, doneSteps, lr, window);
            if (doneSteps % options.logEvery() == 0 || stageEnds) {
                CurvePoint point = window.point(plan.stage().key(), doneSteps);
                curves.add(point);
                if (!options.quiet()) progress.println(taskLine(point));
                window = new Window();
            }
            if (doneSteps % options.checkpointEvery() == 0 && doneSteps < total) {
                writeCheckpoint(params, adam, doneSteps);
            }
        }
        phases = runner.secondsForwardBackwardUpdate();
        return stop;
    }

    /** The parameter groups a stage trains (the ViT left out of instruction tuning when the mix freezes it). */
    private java.util.Set<ParameterGroup> trainedGroups(Stage stage) {
        java.util.Set<ParameterGroup> trained = java.util.EnumSet.copyOf(stage.trained());
        if (stage == Stage.INSTRUCT && options.mix().freezeVision()) trained.remove(ParameterGroup.VISION);
        return trained;
    }

    /** The curve label of each dense kind target: {@code patch_object} where an object is centred, else {@code patch_empty}. */
    private String[] denseLabels(DenseBatch batch) {
        int empty = DenseBatch.headShape(options.spec().gridSize()).kinds();
        String[] labels = new String[batch.labels().length / 4];
        for (int i = 0; i < labels.length; i++) labels[i] = batch.labels()[i * 4] == empty ? "patch_empty" : "patch_object";
        return labels;
    }

    /** The curve label of each target: its task, with the row / column digits of grounding as {@code ground_cell} / {@code locate_cell}. */
    private String[] targetLabels(TextBatch batch) {
        String[] labels = batch.targetTask().clone();
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i].equals("ground") || labels[i].startsWith("locate")) && Character.isDigit(vocab.tokens().get(batch.targetId()[i]).charAt(0))) {
                labels[i] = labels[i] + "_cell";
            }
        }
        return labels;
    }

    /**
     * Where this process's steps spent their time: seconds in data generation (render + tokenize), forward,
     * backward, and clipping + AdamW.
     */
    public double[] timeSplitSeconds() {
        return new double[]{dataNanos / 1e9, phases[0], phases[1], phases[2]};
    }

    private DenseBatch denseBatch(ExampleEncoder encoder, int step, int batch) {
        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            scenes.add(world.denseScene(WorldRandom.forItem(options.seed(), "vision", (long) step * batch + i)));
        }
        return DenseBatch.of(scenes, encoder.pixels(scenes), options.spec().gridSize());
    }

    /**
     * A batch whose every example draws its own task: from the mix's alignment tasks in the alignment stage,
     * from the instruction mix after it.
     */
    private TextBatch textBatch(ExampleEncoder encoder, Stage stage, int step, int batch) {
        List<String> tasks = stage == Stage.ALIGN ? options.mix().alignTasks() : options.mix().tasks();
        List<EncodedExample> examples = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            SplittableRandom rng = WorldRandom.forItem(options.seed(), stage.key(), (long) step * batch + i);
            examples.add(encoder.encode(world.training(tasks.get(rng.nextInt(tasks.size())), rng)));
        }
        return TextBatch.of(examples, vocab.padId());
    }

    /** The window's per-task accuracies, e.g. {@code " | left_right 0.530 locate_cell 0.812"}. */
    private static String taskLine(CurvePoint point) {
        StringBuilder b = new StringBuilder(" |");
        point.taskAccuracy().forEach((task, acc) -> b.append(String.format(java.util.Locale.ROOT, " %s %.3f", task, acc)));
        return b.toString();
    }

    /**
     * The step's progress with an ETA: redrawn in place on a terminal; to a file or pipe, a plain line at each curve
     * point only (no carriage returns in logs).
     */
    private void progressLine(TrainingPlan.StagePlan plan, int done, float lr, Window w) {
        long now = System.nanoTime();
        if (loopStartNanos == 0) {
            loopStartNanos = now;
            loopStartStep = done - 1;
        }
        boolean terminal = Progress.stderrIsTerminal();
        if (!terminal && done % options.logEvery() != 0 && done != options.plan().total()) return;
        double stepsPerSecond = (done - loopStartStep) / Math.max((now - loopStartNanos) / 1e9, 1e-9);
        long eta = Math.round((options.plan().total() - done) / stepsPerSecond);
        progress.printf("%s[%-8s] step %6d/%d  loss %.4f  acc %.3f  lr %.2e  %.1f samples/s  eta %s%s", terminal ? "\r" : "",
                plan.stage().key(), done, options.plan().total(), w.loss(), w.accuracy(), lr, w.samplesPerSecond(),
                Progress.duration(eta), terminal ? "   " : System.lineSeparator());
        progress.flush();
    }

    /** Running sums over the steps since the last curve point. */
    private static final class Window {
        private final long started = System.nanoTime();
        private double lossSum;
        private int steps, correct, total, samples;
        private final Map<String, int[]> tasks = new TreeMap<>();

        /** Adds a step whose target i has curve label {@code labels[i]}. */
        void add(String[] labels, StepRunner.Result r, int batch) {
            lossSum += r.loss();
            steps++;
            correct += r.correct();
            total += r.total();
            samples += batch;
            for (int i = 0; i < labels.length; i++) {
                int[] t = tasks.computeIfAbsent(labels[i], k -> new int[2]);
                if (r.hits()[i]) t[0]++;
                t[1]++;
            }
        }

        double loss() {
            return lossSum / Math.max(1, steps);
        }

        double accuracy() {
            return correct / (double) Math.max(1, total);
        }

        double samplesPerSecond() {
            return samples / Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        }

        CurvePoint point(String stage, int step) {
            Map<String, Double> perTask = new LinkedHashMap<>();
            tasks.forEach((k, v) -> perTask.put(k, v[0] / (double) Math.max(1, v[1])));
            return new CurvePoint(stage, step, loss(), accuracy(), perTask, samplesPerSecond());
        }
    }

    private record Restored(OrganismParameters params, int step) {
    }

    private void writeCheckpoint(OrganismParameters params, AdamW adam, int step) {
        SafetensorsWriter w = new SafetensorsWriter();
        for (Parameter p : params.all()) w.add("param/" + p.name(), p.value());
        ObjectNode steps = JSON.createObjectNode();
        adam.state().forEach((name, m) -> {
            w.add("adam_m/" + name, m.m());
            w.add("adam_v/" + name, m.v());
            steps.put(name, m.steps()[0]);
        });
        ObjectNode state = JSON.createObjectNode();
        state.put("step", step);
        state.put("seed", options.seed());
        state.set("spec", options.spec().toJson());
        state.set("plan", options.plan().toJson());
        state.put("recipe", options.recipe());
        state.set("adam_steps", steps);
        state.set("curves", JSON.valueToTree(curves));
        w.metadata("state", state.toString());
        w.write(dir.resolve(CHECKPOINT));
    }

    private Restored restore(Path file, NDManager root, AdamW adam) {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            JsonNode state = JSON.readTree(f.metadata().get("state"));
            if (state.get("seed").asLong() != options.seed()
                    || !state.get("spec").equals(Json.normalised(options.spec().toJson()))
                    || !state.get("plan").equals(Json.normalised(options.plan().toJson()))
                    || !recipeOf(state).equals(options.recipe())) {
                throw VlmscopeException.badInput(file, "checkpoint was made with another seed, size or plan ("
                        + "seed " + state.get("seed") + ", plan " + state.get("plan") + ", " + recipeOf(state) + ")",
                        "train with the same options, or use a fresh --out folder");
            }
            OrganismParameters params = OrganismParameters.fromValues(options.spec(),
                    DenseBatch.headShape(options.spec().gridSize()), root, name -> f.readFloats("param/" + name));
            state.get("adam_steps").properties().forEach(e -> {
                String name = e.getKey();
                adam.restore(name, f.readFloats("adam_m/" + name), f.readFloats("adam_v/" + name),
                        f.info("adam_m/" + name).shape(), e.getValue().asInt());
            });
            for (JsonNode c : state.get("curves")) curves.add(JSON.treeToValue(c, CurvePoint.class));
            return new Restored(params, state.get("step").asInt());
        } catch (IOException e) {
            throw VlmscopeException.badInput(file, "unreadable checkpoint state (" + e.getMessage() + ")",
                    "delete the checkpoint to start over", e);
        }
    }

    private void writeModel(OrganismParameters params) {
        exportModel(dir, options.spec(), params, vocab);
    }

    /** Writes {@code params} (dense head excluded) as the HF checkpoint folder {@code dir}. */
    public static void exportModel(Path dir, OrganismSpec spec, OrganismParameters params,
                                   OrganismVocabulary vocab) {
        Map<String, float[]> weights = new TreeMap<>();
        Map<String, long[]> shapes = new TreeMap<>();
        for (Parameter p : params.all()) {
            if (!p.saved()) continue;
            weights.put(p.name(), p.value().toFloatArray());
            shapes.put(p.name(), p.shape());
        }
        long e = spec.visionHidden();
        float[] ones = new float[(int) e];
        java.util.Arrays.fill(ones, 1f);
        weights.put(TensorNames.vision("post_layernorm.weight"), ones);
        weights.put(TensorNames.vision("post_layernorm.bias"), new float[(int) e]);
        shapes.put(TensorNames.vision("post_layernorm.weight"), new long[]{e});
        shapes.put(TensorNames.vision("post_layernorm.bias"), new long[]{e});
        OrganismFiles.write(dir, spec, vocab, weights, shapes);
    }

    /**
     * Writes the HF folder from the checkpoint of an unfinished run (its {@code training.json} says
     * {@code "complete": false}), leaving the checkpoint in place so that training can resume.
     *
     * @return the number of steps the checkpoint holds
     */
    public int exportCheckpoint() {
        Path checkpoint = dir.resolve(CHECKPOINT);
        if (!Files.isRegularFile(checkpoint)) {
            throw VlmscopeException.badInput(checkpoint, "no checkpoint to export", "train first (organism train --out DIR)");
        }
        try (NDManager root = Engine.getEngine("PyTorch").newBaseManager();
             AdamW adam = new AdamW(root, 0.9f, 0.98f, 1e-8f, WEIGHT_DECAY)) {
            Restored r = restore(checkpoint, root, adam);
            try (OrganismParameters params = r.params) {
                writeModel(params);
                writeSummary(params, r.step);
            }
            return r.step;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeSummary(OrganismParameters params, int done) throws IOException {
        ObjectNode s = JSON.createObjectNode();
        s.put("complete", done == options.plan().total());
        s.put("seed", options.seed());
        s.put("steps", done);
        s.put("parameters", params.savedScalars());
        s.set("spec", options.spec().toJson());
        s.set("plan", options.plan().toJson());
        s.put("recipe", options.recipe());
        s.set("curves", JSON.valueToTree(curves));
        Path tmp = TempFiles.beside(dir, ".training", ".tmp");
        Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(s) + "\n");
        Files.move(tmp, dir.resolve(SUMMARY), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Whether {@code dir} holds a finished training with these options. */
    public static boolean finished(Path dir, TrainerOptions options) {
        Path summary = dir.resolve(SUMMARY);
        if (!Files.isRegularFile(summary) || !Files.isRegularFile(dir.resolve("model.safetensors"))) return false;
        try {
            JsonNode s = JSON.readTree(summary.toFile());
            return s.path("complete").asBoolean() && s.path("seed").asLong() == options.seed()
                    && s.path("plan").equals(Json.normalised(options.plan().toJson()))
                    && s.path("spec").equals(Json.normalised(options.spec().toJson()))
                    && recipeOf(s).equals(options.recipe());
        } catch (IOException e) {
            return false;
        }
    }

    /** The recipe a checkpoint or summary names; one written before recipes were recorded used the standard one. */
    private static String recipeOf(JsonNode state) {
        return state.has("recipe") ? state.get("recipe").asText()
                : new TrainerOptions(null, null, 0, 1, 1, -1, true).recipe();
    }

    static NDArray pixels(NDManager m, float[] pixels, int images, int canvas) {
        return m.create(pixels, new Shape(images, 3, canvas, canvas));
    }
}
