package vlmscope.cli;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vlmscope.Json;
import vlmscope.VlmscopeException;
import vlmscope.organism.OrganismEvaluator;
import vlmscope.organism.OrganismSpec;
import vlmscope.organism.OrganismWorld;
import vlmscope.train.InstructMix;
import vlmscope.train.Stage;
import vlmscope.train.Trainer;
import vlmscope.train.TrainerOptions;
import vlmscope.train.TrainingPlan;
import vlmscope.world.QaTask;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vlmscope organism train|eval}: train the model organism on the synthetic world, and score it. */
@Command(name = "organism", mixinStandardHelpOptions = true,
        description = "Train and evaluate the model organism (a LLaVA-1.5 in miniature) on the synthetic world.",
        subcommands = {OrganismCommand.Train.class, OrganismCommand.Eval.class})
public final class OrganismCommand {

    /** Where the committed organism lives, relative to the repository root. */
    public static final Path DEFAULT_MODEL = Path.of("models", "organism");
    /** The committed organism's recipe. */
    public static final long DEFAULT_SEED = 1;
    public static final int DEFAULT_STEPS = 15000;
    public static final int DEFAULT_BATCH = 32;

    /** Trains (or resumes) an organism. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train an organism into --out (resumes when the folder holds a checkpoint).")
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--out", converter = Converters.OutputPath.class, description = "output folder (default: models/organism)")
        Path out = DEFAULT_MODEL;
        @Option(names = "--seed", description = "seed of initialisation and data (default: ${DEFAULT-VALUE})")
        long seed = DEFAULT_SEED;
        @Option(names = "--steps", description = "total optimisation steps over all stages (default: ${DEFAULT-VALUE})")
        int steps = DEFAULT_STEPS;
        @Option(names = "--batch", description = "examples per step (default: ${DEFAULT-VALUE})")
        int batch = DEFAULT_BATCH;
        @Option(names = "--stage", description = "last stage to run: vision, align or instruct (default: ${DEFAULT-VALUE})")
        String stage = "instruct";
        @Option(names = "--tiny", description = "a tiny organism (CI): 32 px canvas, 2x2 patches, decoder 32x2")
        boolean tiny;
        @Option(names = "--threads", description = "libtorch intra-op threads (default: ${DEFAULT-VALUE})")
        int threads = 1;
        @Option(names = "--log-every", description = "steps per curve point (default: ${DEFAULT-VALUE})")
        int logEvery = 50;
        @Option(names = "--checkpoint-every", description = "steps between checkpoints (default: ${DEFAULT-VALUE})")
        int checkpointEvery = 250;
        @Option(names = "--from", description = "start from this trained organism folder and run instruction tuning "
                + "alone for --steps steps")
        Path from;
        @Option(names = "--mix", description = "instruction tasks, comma-separated, drawn per example (QA task keys, "
                + "caption, ground, locate, locate_video, …; repeat a key to weigh it); default: the seven QA tasks, "
                + "locate, locate_video and caption")
        String mix;
        @Option(names = "--align-mix", description = "alignment tasks, comma-separated, drawn per example (default: "
                + "caption, locate ×2, locate_video ×2); e.g. caption,ground for an organism whose position "
                + "supervision never sits on an object word")
        String alignMix;
        @Option(names = "--train-vision", description = "train the ViT during instruction tuning too (default: frozen, "
                + "as LLaVA-1.5)")
        boolean trainVision;
        @Option(names = "--lr", description = "peak learning rate of instruction tuning with --from (default: ${DEFAULT-VALUE})")
        float lr = 3e-4f;
        @Option(names = "--export-checkpoint", description = "write the model files from the folder's checkpoint "
                + "(an unfinished run) and stop")
        boolean exportCheckpoint;
        @Option(names = "--force", description = "train into --out even though it holds an organism trained with "
                + "other options (it is overwritten when training ends)")
        boolean force;

        @Override
        public Integer call() {
            TrainerOptions base = options(tiny, seed, steps, batch, Stage.parse(stage), logEvery, checkpointEvery);
            InstructMix instructMix = instructMix();
            TrainingPlan plan = from == null ? base.plan() : TrainingPlan.instructOnly(steps, batch, lr);
            TrainerOptions options = new TrainerOptions(base.spec(), plan, seed, base.logEvery(), base.checkpointEvery(),
                    -1, false, instructMix, from);
            PrintWriter outw = spec.commandLine().getOut();
            if (Trainer.finished(out, options)) {
                outw.println("already trained: " + out + " (seed " + seed + ", " + steps + " steps)");
                return 0;
            }
            if (!exportCheckpoint && !force && Files.isRegularFile(out.resolve("model.safetensors"))
                    && !Files.isRegularFile(out.resolve(Trainer.CHECKPOINT))) {
                throw VlmscopeException.badInput(out, "already holds an organism trained with other options (see its "
                        + Trainer.SUMMARY + ")", "train into a fresh --out folder, or add --force to overwrite it");
            }
            useThreads(threads);
            if (exportCheckpoint) {
                int step = new Trainer(out, options, System.err).exportCheckpoint();
                outw.println("exported the checkpoint of step " + step + "/" + options.plan().total() + " into " + out);
                return 0;
            }
            long started = System.nanoTime();
            Trainer trainer = new Trainer(out, options, System.err);
            int done = trainer.run();
            double[] split = trainer.timeSplitSeconds();
            outw.printf("trained %d/%d steps into %s in %.1f s (data %.1f s, forward %.1f s, backward %.1f s, "
                            + "clip+AdamW %.1f s)%n", done, options.plan().total(), out, (System.nanoTime() - started) / 1e9,
                    split[0], split[1], split[2], split[3]);
            return 0;
        }
        /** The --mix / --align-mix task lists; an unknown task key is a usage error. */
        private InstructMix instructMix() {
            try {
                InstructMix m = mix != null ? InstructMix.parse(mix, !trainVision)
                        : new InstructMix(InstructMix.standard().tasks(), !trainVision);
                return alignMix != null ? m.withAlignment(alignMix) : m;
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage()
                        + ". Fix: name tasks from that list in --mix / --align-mix");
            }
        }
    }

    /** Per-task held-out accuracy through the engine. */
    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Per-task accuracy on fresh held-out scenes, run through the engine.")
    static final class Eval implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--model", description = "organism folder (default: models/organism, trained first if absent)")
        Path model;
        @Option(names = "--seed", description = "seed of the evaluation questions (default: ${DEFAULT-VALUE})")
        long seed = 1234;
        @Option(names = "--n", converter = Converters.Count.class, description = "questions per task (default: ${DEFAULT-VALUE})")
        int n = 100;
        @Option(names = "--tasks", split = ",", description = "tasks to score, comma-separated (default: all seven)")
        java.util.List<String> tasks;
        @Option(names = "--json", description = "print {\"accuracy\": {task: value}, \"n\": n}")
        boolean json;
        @Option(names = "--threads", description = "libtorch intra-op threads (default: ${DEFAULT-VALUE})")
        int threads = 1;

        @Override
        public Integer call() throws Exception {
            useThreads(threads);
            Path dir = model == null ? null : Folders.require(model, "a trained organism", "pass --model DIR, or train one"
                    + " with 'vlmscope organism train --out DIR'");
            if (dir == null) {
                dir = DEFAULT_MODEL;
                if (!Files.isRegularFile(dir.resolve("model.safetensors"))) {
                    spec.commandLine().getErr().println("no organism at " + dir + ": training it first");
                    new Trainer(dir, options(false, DEFAULT_SEED, DEFAULT_STEPS, DEFAULT_BATCH, Stage.INSTRUCT, 50, 250),
                            System.err).run();
                }
            }
            Map<String, OrganismEvaluator.TaskAccuracy> result = OrganismEvaluator.evaluate(dir, seed, n,
                    tasks == null ? OrganismWorld.TASKS : tasks.stream().map(OrganismCommand::task).toList());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectMapper mapper = Json.MAPPER;
                ObjectNode root = mapper.createObjectNode();
                ObjectNode acc = root.putObject("accuracy");
                result.forEach((k, v) -> acc.put(k, v.accuracy()));
                root.put("n", n);
                out.println(mapper.writeValueAsString(root));
            } else {
                out.printf("%-14s %8s %5s%n", "task", "accuracy", "n");
                result.forEach((k, v) -> out.printf("%-14s %8.3f %5d%n", k, v.accuracy(), v.n()));
            }
            return 0;
        }
    }

    private static QaTask task(String key) {
        for (QaTask t : OrganismWorld.TASKS) if (OrganismWorld.key(t).equals(key)) return t;
        throw new CommandLine.ParameterException(new CommandLine(new Eval()),
                "unknown task '" + key + "' (one of " + OrganismWorld.TASKS.stream().map(OrganismWorld::key).toList() + ")");
    }

    /** Sets libtorch's intra-op threads (the engine must be loaded first). */
    static void useThreads(int threads) {
        ai.djl.engine.Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
    }

    static TrainerOptions options(boolean tiny, long seed, int steps, int batch, Stage last, int logEvery,
                                  int checkpointEvery) {
        int cells = tiny ? 2 : 4;
        int vocab = OrganismWorld.vocabulary(cells).size();
        OrganismSpec spec = tiny ? OrganismSpec.tiny(vocab) : OrganismSpec.standard(vocab);
        return new TrainerOptions(spec, TrainingPlan.split(steps, batch, last), seed, logEvery,
                Math.max(logEvery, checkpointEvery / logEvery * logEvery), -1, false);
    }
}
