package vlmscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.diagnosis.BlurOptions;
import vlmscope.experiments.diagnosis.BlurSensitivity;
import vlmscope.experiments.diagnosis.DepthDiagnosis;
import vlmscope.experiments.diagnosis.DepthOptions;
import vlmscope.experiments.diagnosis.DeviationOptions;
import vlmscope.experiments.diagnosis.IdDeviation;
import vlmscope.experiments.ids.SpatialIdFile;
import vlmscope.engine.LoadedModel;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code vlmscope diagnose depth|deviation|blur}: the paper's diagnosis experiments (Fig 7, Fig 8A, Fig 8B). */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Diagnose spatial failures with spatial IDs: depth vs height (Fig 7), ID deviation (Fig 8A), blur sensitivity (Fig 8B).",
        subcommands = {DiagnoseCommand.Depth.class, DiagnoseCommand.Deviation.class, DiagnoseCommand.Blur.class})
public final class DiagnoseCommand {

    /** Options every diagnosis shares. */
    static final class Common {

        @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ExperimentOptions experiment;

        @Mixin
        WorldDataOptions world;

        @Option(names = "--paper-compat", description = "reproduce the paper code's bugs (docs/paper-mapping.md#paper-compat) where they apply")
        boolean paperCompat;

        /** Opens the model, runs {@code diagnosis} into --out, re-makes its figures and prints where everything went. */
        int run(String name, Diagnosis diagnosis) {
            return experiment.runReported(spec, name, name,
                    (lm, output, fresh, commandLine) -> List.of(diagnosis.run(lm, output, fresh, commandLine).toPrettyString()));
        }
    }

    /** One diagnosis run: results into {@code output}, resumed unless {@code fresh}; returns its summary. */
    interface Diagnosis {
        JsonNode run(LoadedModel lm, ExperimentOutput output, boolean fresh, List<String> commandLine);
    }

    /** {@code diagnose depth}. */
    @Command(name = "depth", mixinStandardHelpOptions = true,
            description = "Fig 7: steer the subject's vertical ID and read above/below and front/behind on the same depth scenes."
                    + " Example: vlmscope diagnose depth --ids runs/ids/ids.safetensors --layers 1-2 --out runs/fig7 --n 20")
    static final class Depth implements Callable<Integer> {
        @Mixin
        Common common;

        @Mixin
        IdFileOptions idFile;

        @Option(names = "--layers", required = true, paramLabel = "a-b", description = "steered blocks L of blocks.L.resid_post, e.g. 12-14")
        String layers;

        @Option(names = "--alpha", defaultValue = "5", description = "steering multiplier (default: ${DEFAULT-VALUE}, the paper's)")
        double alpha;

        @Option(names = "--scenes", defaultValue = "standard", paramLabel = "SET", description = "standard (the world's depth"
                + " scenes: farther = higher), counter-cue (farther = lower, depth shown by size and occlusion) or both;"
                + " --n scenes of each (default: ${DEFAULT-VALUE})")
        String scenes;

        @Override
        public Integer call() {
            DepthOptions.Scenes sceneSet = DepthOptions.Scenes.parse(scenes);
            return common.run(DepthDiagnosis.EXPERIMENT, (lm, output, fresh, args) -> {
                SpatialIdFile universal = idFile.read();
                DepthOptions o = new DepthOptions(common.world.n, common.world.seed, LayerRange.list(layers, lm.model().numLayers()),
                        alpha, common.world.canvas(lm), common.world.backgrounds(), common.paperCompat, sceneSet);
                return DepthDiagnosis.run(lm, universal, o, output, fresh, args);
            });
        }
    }

    /** {@code diagnose deviation}. */
    @Command(name = "deviation", mixinStandardHelpOptions = true,
            description = "Fig 8A: margin of the object tokens' IDs against ground-truth IDs from the boxes, split by correct/wrong answers."
                    + " Example: vlmscope diagnose deviation --ids runs/ids/ids.safetensors --layers 2 --out runs/fig8a --n 40")
    static final class Deviation implements Callable<Integer> {
        @Mixin
        Common common;

        @Mixin
        IdFileOptions idFile;

        @Option(names = "--layers", required = true, paramLabel = "a-b", description = "read blocks L of blocks.L.resid_post")
        String layers;

        @Option(names = "--max-new", defaultValue = "8", description = "greedy answer tokens for the verdict (default: ${DEFAULT-VALUE}; paper: 250)")
        int maxNew;

        @Mixin
        VerdictOptions verdict;

        @Mixin
        CocoSampleOptions coco;

        @Override
        public Integer call() {
            return common.run(IdDeviation.EXPERIMENT, (lm, output, fresh, args) -> {
                SpatialIdFile universal = idFile.read();
                DeviationOptions o = new DeviationOptions(common.world.n, common.world.seed,
                        LayerRange.list(layers, lm.model().numLayers()), common.world.canvas(lm), common.world.backgrounds(), maxNew,
                        common.paperCompat, verdict.rule(lm));
                return coco.given()
                        ? IdDeviation.run(lm, universal, coco.samples(common.world.n, "deviation"), o, output, fresh, args)
                        : IdDeviation.run(lm, universal, o, output, fresh, args);
            });
        }
    }

    /** {@code diagnose blur}. */
    @Command(name = "blur", mixinStandardHelpOptions = true,
            description = "Fig 8B: blur the subject's box vs random same-size boxes avoiding both objects; sensitivity by correct/wrong."
                    + " Example: vlmscope diagnose blur --out runs/fig8b --n 40")
    static final class Blur implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--radius", defaultValue = "20", description = "Gaussian blur radius σ in pixels (default: ${DEFAULT-VALUE})")
        float radius;

        @Option(names = "--boxes", defaultValue = "10", description = "random boxes per sample (default: ${DEFAULT-VALUE})")
        int boxes;

        @Option(names = "--max-new", defaultValue = "8", description = "greedy answer tokens for the verdict (default: ${DEFAULT-VALUE})")
        int maxNew;

        @Mixin
        VerdictOptions verdict;

        @Mixin
        CocoSampleOptions coco;

        @Override
        public Integer call() {
            return common.run(BlurSensitivity.EXPERIMENT, (lm, output, fresh, args) -> {
                BlurOptions o = new BlurOptions(common.world.n, common.world.seed, common.world.canvas(lm), common.world.backgrounds(),
                        radius, boxes, maxNew, common.paperCompat, verdict.rule(lm));
                return coco.given()
                        ? BlurSensitivity.run(lm, coco.samples(common.world.n, "blur"), o, output, fresh, args)
                        : BlurSensitivity.run(lm, o, output, fresh, args);
            });
        }
    }
}
