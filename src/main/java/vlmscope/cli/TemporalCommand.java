package vlmscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vlmscope.VlmscopeException;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.swap.PositionSet;
import vlmscope.experiments.temporal.TemporalGridExperiment;
import vlmscope.experiments.temporal.TemporalIdExperiment;
import vlmscope.experiments.temporal.TemporalIds;
import vlmscope.experiments.temporal.TemporalSettings;
import vlmscope.experiments.temporal.TemporalSteerExperiment;
import vlmscope.experiments.temporal.TemporalSwapExperiment;
import vlmscope.experiments.temporal.WorldVideos;
import vlmscope.model.Precision;
import vlmscope.engine.LoadedModel;
import vlmscope.world.BackgroundChoice;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vlmscope temporal swap|ids|steer|grid}: the temporal experiments (Fig 10A–C, A17) on frame sequences. */
@Command(name = "temporal", mixinStandardHelpOptions = true,
        description = "Temporal IDs in models that take frame sequences (Fig 10, A17): videos are several images in one prompt.",
        subcommands = {TemporalCommand.Swap.class, TemporalCommand.Ids.class, TemporalCommand.Steer.class,
                TemporalCommand.Grid.class})
public final class TemporalCommand {

    /** {@code temporal swap}: counterfactual = the frames in reverse order (Fig 10A). */
    @Command(name = "swap", mixinStandardHelpOptions = true, description = "Temporal mirror swapping: patch rows from the"
            + " reversed-frame run into the clean run (Fig 10A). Example: vlmscope temporal swap --out runs/fig10a --n 20")
    static final class Swap implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--n", defaultValue = "20", converter = Converters.Count.class, description = "videos (default: ${DEFAULT-VALUE})")
        int n;

        @Option(names = "--sets", split = ",", paramLabel = "SETS",
                description = "position sets: video,text,objects,control,all (default: video,text,objects,control)")
        List<String> sets;

        @Override
        public Integer call() {
            return common.run(TemporalSwapExperiment.NAME, (lm, settings) -> {
                List<PositionSet> chosen = new ArrayList<>();
                if (sets == null) chosen.addAll(TemporalSwapExperiment.DEFAULT_SETS);
                else for (String s : sets) chosen.add(PositionSet.parse(s.strip().equals("video") ? "image" : s));
                var outcome = new TemporalSwapExperiment(lm, settings, chosen).run(
                        WorldVideos.draw(n, settings.seed(), settings.canvas(), settings.frames(), settings.backgrounds()),
                        common.output(), common.fresh(), common.commandLine());
                return peaks(outcome.summary());
            });
        }

        private static String peaks(JsonNode summary) {
            StringBuilder b = new StringBuilder();
            summary.path("sets").properties().forEach(set -> set.getValue().properties().forEach(label -> b.append(
                    String.format(java.util.Locale.ROOT, "%-8s %-7s peak mean shift %s at layer %s%n",
                            set.getKey().equals("image") ? "video" : set.getKey(), label.getKey(),
                            label.getValue().path("peak_mean_shift").asText(), label.getValue().path("peak_layer").asText()))));
            return b.toString();
        }
    }

    /** {@code temporal ids}: temporal ID extraction and its 1-D PCA (Fig 10B). */
    @Command(name = "ids", mixinStandardHelpOptions = true, description = "Temporal ID extraction with a 1-D PCA (Fig 10B)."
            + " Example: vlmscope temporal ids --out runs/fig10b --pairs 5")
    static final class Ids implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--pairs", defaultValue = "5", description = "object pairs, each shown at every f1 != f2 (default: ${DEFAULT-VALUE}, the paper's)")
        int pairs;

        @Option(names = "--pca-layer", description = "layer of the headline PCA (default: the paper's relative depth)")
        Integer pcaLayer;

        @Override
        public Integer call() {
            return common.run(TemporalIdExperiment.NAME, (lm, settings) -> {
                var outcome = new TemporalIdExperiment(lm, settings, pairs, pcaLayer).run(common.output(), common.fresh(),
                        common.commandLine());
                JsonNode h = outcome.summary().path("headline");
                return outcome.probes() + " probe videos; the model's answer accuracy on them "
                        + outcome.summary().path("answer_accuracy_on_probe_videos").asText() + "; layer " + outcome.summary().path("pca_layer")
                        + ": explained " + h.path("explained_variance_ratio").asText() + ", rank correlation with time "
                        + h.path("rank_correlation_with_time").asText() + ", before " + h.path("before").asText()
                        + ", after " + h.path("after").asText();
            });
        }
    }

    /** {@code temporal steer}: add T(f) − T(F−1−f) at the subject (Fig 10C). */
    @Command(name = "steer", mixinStandardHelpOptions = true, description = "Temporal steering with the IDs of a"
            + " 'temporal ids' run (Fig 10C). Example: vlmscope temporal steer --ids runs/fig10b --out runs/fig10c --layers 2")
    static final class Steer implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--ids", required = true, paramLabel = "DIR", description = "the --out folder of 'vlmscope temporal ids'")
        Path ids;

        @Option(names = "--n", defaultValue = "20", converter = Converters.Count.class, description = "videos (default: ${DEFAULT-VALUE}; the paper: up to 300)")
        int n;

        @Option(names = "--alpha", defaultValue = "5.0", description = "steering scale (default: ${DEFAULT-VALUE}, the paper's)")
        double alpha;

        @Option(names = "--noise", description = "also add a same-norm random direction at the two end frames (the control)")
        boolean noise;

        @Option(names = "--alphas", split = ",", paramLabel = "A,B,...", description = "further α for the end frames (and the"
                + " noise, with --noise): a dose–response, e.g. 0.25,0.5,1,2")
        double[] alphas = new double[0];

        @Override
        public Integer call() {
            TemporalIds.Loaded loaded = TemporalIds.load(ids);
            if (common.frames == null) common.frames = loaded.frames();
            var controls = new TemporalSteerExperiment.Controls(noise, alphas);
            return common.run(TemporalSteerExperiment.NAME, (lm, settings) -> {
                var outcome = new TemporalSteerExperiment(lm, settings, loaded, alpha, controls).run(
                        WorldVideos.draw(n, settings.seed(), settings.canvas(), settings.frames(), settings.backgrounds()),
                        common.output(), common.fresh(), common.commandLine(), ids.toString());
                return "early-minus-late effect on log p(before) - log p(after)"
                        + " per layer: " + outcome.summary().path("early_minus_late_effect");
            });
        }
    }

    /** {@code temporal grid}: IDs over (position × time) (A17). */
    @Command(name = "grid", mixinStandardHelpOptions = true, description = "The spatiotemporal ID grid: IDs over grid cell"
            + " × start frame (A17). Example: vlmscope temporal grid --out runs/a17 --cells 4 --kinds 2")
    static final class Grid implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--cells", defaultValue = "4", description = "grid side m (m×m cells; default: ${DEFAULT-VALUE})")
        int cells;

        @Option(names = "--kinds", defaultValue = "2", description = "target object kinds averaged (default: ${DEFAULT-VALUE})")
        int kinds;

        @Option(names = "--pca-layer", description = "layer of the heatmaps (default: the paper's relative depth)")
        Integer pcaLayer;

        @Override
        public Integer call() {
            return common.run(TemporalGridExperiment.NAME, (lm, settings) -> {
                var outcome = new TemporalGridExperiment(lm, settings, cells, kinds, pcaLayer).run(common.output(),
                        common.fresh(), common.commandLine());
                return outcome.probes() + " probe videos; layer "
                        + outcome.summary().path("pca_layer") + " shares " + outcome.summary().path("headline");
            });
        }
    }

    /** Runs one experiment given the loaded model and settings; returns the line printed after it. */
    @FunctionalInterface
    interface Body {
        String run(LoadedModel lm, TemporalSettings settings);
    }

    /** Options every temporal command shares. */
    static final class Common {

        @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ExperimentOptions experiment;

        @Option(names = "--seed", defaultValue = "0", description = "seed of videos, colours, boxes and control positions (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--layers", paramLabel = "a-b", description = "block indices L of blocks.L.resid_post (default: all)")
        String layers;

        @Option(names = "--frames", description = "frames per video F (default: 4; steer: the IDs' frame count)")
        Integer frames;

        @Option(names = "--canvas", description = "frame side in pixels (default: the model's image size)")
        Integer canvas;

        @Option(names = "--background", defaultValue = "black", converter = Converters.Background.class,
                description = "frame backgrounds: black | textured | mixed (default: ${DEFAULT-VALUE})")
        BackgroundChoice background;

        @Option(names = "--format", defaultValue = "chat", paramLabel = "chat|raw", converter = Converters.Format.class,
                description = "the checkpoint's chat template or the paper's raw \"<image>\\n\"+text (default: ${DEFAULT-VALUE})")
        Converters.PromptFormat format;

        @Option(names = "--answers", split = ",", paramLabel = "BEFORE,AFTER", description = "vocabulary pieces read for before, after (default: ▁before,▁after when the vocabulary has them, else before,after)")
        List<String> answers;


        @Option(names = "--paper-compat", description = "the paper code's quirks: swap sets by its len_img_toks rule, NaN shifts averaged as 0;"
                + " IDs overwritten not averaged; steering at its off-target positions with the layer off-by-one")
        boolean paperCompat;

        ExperimentOutput output() {
            return experiment.output();
        }

        boolean fresh() {
            return experiment.fresh();
        }

        List<String> commandLine() {
            return RecordedCommand.of(spec);
        }

        int run(String name, Body body) {
            return experiment.runReported(spec, name, name, (lm, output, fresh, commandLine) -> {
                int blocks = lm.model().numLayers();
                int[] range = LayerRange.span(layers, blocks);
                int side = canvas != null ? canvas : lm.model().imageSize();
                TemporalSettings settings = new TemporalSettings(seed, side, frames != null ? frames : 4,
                        background, range[0], range[1], format.raw(), paperCompat, answers);
                return List.of(body.run(lm, settings));
            });
        }
    }
}
