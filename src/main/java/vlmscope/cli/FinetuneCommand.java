package vlmscope.cli;

import picocli.CommandLine.Mixin;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vlmscope.VlmscopeException;
import vlmscope.finetune.FinetuneExperiment;
import vlmscope.finetune.FinetuneSettings;
import vlmscope.finetune.ParameterSelector;
import vlmscope.finetune.TrainableCheckpoint;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code vlmscope finetune}: spatial-ID-loss fine-tuning (docs/paper-mapping.md#finetune), baseline vs with-ID-loss arms over seeds.
 */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = "Fine-tune a trainable checkpoint with and without the spatial-ID loss (docs/paper-mapping.md#finetune) and compare "
                + "held-out LM loss, spatial-ID loss and accuracy. Example: vlmscope finetune --ids runs/ids/ids.safetensors "
                + "--out runs/finetune --steps 100 --seeds 1,2,3")
public final class FinetuneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "checkpoint folder (default: models/organism when it exists)")
    Path model;

    @Mixin
    OutputOptions output;

    @Option(names = "--ids", required = true, paramLabel = "FILE", description = "ids.safetensors of 'vlmscope ids extract' on this checkpoint")
    Path ids;

    @Option(names = "--layer", description = "block index L of the spatial-ID loss (default: textLayers / 2 - 1, "
            + "the paper's relative depth of HS[11] in a 28-layer model)")
    Integer layer;

    @Option(names = "--selector", defaultValue = "vision_mlp_lastk", description = "trainable tensors: vision_mlp_lastk, "
            + "vision_attn_lastk, vision_norms_lastk, lm_mlp_lastk, lm_attn_lastk, lm_norms_lastk, lm_head_only, random (default: ${DEFAULT-VALUE})")
    String selector;

    @Option(names = "--last-k", defaultValue = "6", description = "blocks the *_lastk selectors take (default: ${DEFAULT-VALUE})")
    int lastK;

    @Option(names = "--budget", defaultValue = "0.3", description = "trainable fraction of all parameters (default: ${DEFAULT-VALUE})")
    double budget;

    @Option(names = "--bias-only", description = "BitFit: train bias tensors only")
    boolean biasOnly;

    @Option(names = "--lr", defaultValue = "5e-5", description = "peak learning rate (default: ${DEFAULT-VALUE}, the paper's)")
    float lr;

    @Option(names = "--weight-decay", defaultValue = "0.01", description = "AdamW weight decay (default: ${DEFAULT-VALUE})")
    float weightDecay;

    @Option(names = "--steps", defaultValue = "200", description = "optimizer steps per arm and seed (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--batch", defaultValue = "15", description = "items per batch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--eval-every", defaultValue = "20", description = "evaluate every N steps (default: ${DEFAULT-VALUE})")
    int evalEvery;

    @Option(names = "--eval-groups", defaultValue = "8", description = "held-out fixed-obj1 groups evaluated (default: ${DEFAULT-VALUE})")
    int evalGroups;

    @Option(names = "--id-weight", defaultValue = "1.0", description = "spatial-ID loss weight in the id-loss arm (default: ${DEFAULT-VALUE}, the paper's scripts)")
    float idWeight;

    @Option(names = "--seeds", split = ",", defaultValue = "1", description = "data seeds, e.g. 1,2,3 (default: ${DEFAULT-VALUE})")
    List<Long> seeds;

    @Option(names = "--save-models", description = "write each fine-tuned checkpoint to OUT/models/{arm}-s{seed}/")
    boolean saveModels;

    @Option(names = "--limit", description = "stop after this many optimizer steps (the run resumes where it stopped)")
    Integer limit;

    @Override
    public Integer call() {
        Path dir = Folders.modelOrOrganism(model);
        if (steps < 1 || batch < 2 || evalEvery < 1) {
            throw new VlmscopeException("--steps must be >= 1, --batch >= 2 and --eval-every >= 1. Fix: change the option");
        }
        ParameterSelector.Kind.parse(selector);
        int chosenLayer = layer != null ? layer
                : Math.max(0, TrainableCheckpoint.open(dir).spec().textLayers() / 2 - 1);
        FinetuneSettings settings = new FinetuneSettings(ids, chosenLayer, selector, lastK, budget, biasOnly, lr,
                weightDecay, steps, batch, evalEvery, evalGroups, idWeight, seeds, saveModels);
        RunReport report = RunReport.before(spec.commandLine().getOut(), output.output(), output.fresh);
        ObjectNode summary = new FinetuneExperiment(dir, settings, output.output())
                .run(output.fresh, RecordedCommand.of(spec),
                        limit == null ? -1 : limit);
        if (summary == null) {
            spec.commandLine().getOut().println("finetune: stopped after --limit " + limit + " steps; run again to resume");
            return 0;
        }
        List<String> lines = new java.util.ArrayList<>(List.of(summary.get("final").toPrettyString()));
        if (summary.has("effect")) lines.add("effect of the ID loss: " + summary.get("effect").toPrettyString());
        report.print("finetune", lines);
        return 0;
    }
}
