package vlmscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vlmscope.VlmscopeException;
import vlmscope.experiments.swap.CocoSwapSamples;
import vlmscope.experiments.swap.PositionSet;
import vlmscope.experiments.swap.SwapExperiment;
import vlmscope.experiments.swap.SwapMode;
import vlmscope.experiments.swap.SwapPrompt;
import vlmscope.experiments.swap.SwapSampleSource;
import vlmscope.experiments.swap.SwapSettings;
import vlmscope.experiments.swap.WorldSwapSamples;
import vlmscope.engine.LoadedModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code vlmscope swap mirror|attribute|colour}: the Fig 4 / A6 swapping sweeps. */
@Command(name = "swap", mixinStandardHelpOptions = true,
        description = "Swap blocks.L.resid_post rows from a counterfactual image into the clean run (Fig 4, A6).")
public final class SwapCommand {

    /** {@code swap mirror}: counterfactual = the horizontally flipped image. */
    @Command(name = "mirror", mixinStandardHelpOptions = true,
            description = "Counterfactual = the mirrored image (Fig 4A). Example: vlmscope swap mirror --model DIR --out runs/fig4-mirror --n 20")
    int mirror(@Mixin Options options) {
        return options.run(SwapMode.MIRROR);
    }

    /** {@code swap attribute}: counterfactual = the rainbow-recoloured image (the control). */
    @Command(name = "attribute", mixinStandardHelpOptions = true,
            description = "Counterfactual = the rainbow-recoloured image, layout unchanged (Fig 4B).")
    int attribute(@Mixin Options options) {
        return options.run(SwapMode.ATTRIBUTE);
    }

    /** {@code swap colour}: counterfactual = the world scene with its two objects' colours exchanged. */
    @Command(name = "colour", mixinStandardHelpOptions = true,
            description = "Counterfactual = the scene with the two objects' colours exchanged; asks a colour (A6). World data only.")
    int colour(@Mixin Options options) {
        return options.run(SwapMode.COLOUR);
    }

    /** The options every swap mode shares. */
    static final class Options {

        @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ExperimentOptions experiment;

        @Mixin
        WorldDataOptions world;

        @Option(names = "--layers", paramLabel = "a-b", description = "block indices L of blocks.L.resid_post (default: all; the paper used 1..N-1)")
        String layers;

        @Option(names = "--sets", split = ",", paramLabel = "SETS",
                description = "position sets: image,text,objects,adjectives,control,all (default: image,text,objects,adjectives,control)")
        List<String> sets;

        @Option(names = "--paper-compat", description = "the paper's S_text (includes the last two image tokens), no space before 'Answer', NaN shifts averaged as 0")
        boolean paperCompat;

        @Option(names = "--whatsup", paramLabel = "JSON", description = "What'sUp coco_qa_two_obj.json: use COCO photos instead of world scenes")
        Path whatsup;

        @Option(names = "--images", paramLabel = "DIR", description = "COCO val2017 folder ({id:012d}.jpg), with --whatsup")
        Path images;

        @Option(names = "--indices", paramLabel = "FILE", description = "0-based indices into the left/right rows (default: the paper's seed-42 sample of 100)")
        Path indices;

        @Option(names = "--colour-words", description = "name objects with their colours ('the red dog'), adding the adjectives set")
        boolean colourWords;

        @Option(names = "--style", paramLabel = "paper|world", description = "prompt style (default: paper for SentencePiece vocabularies, world otherwise)")
        String style;

        @Option(names = "--template", description = "prompt text with {question}, {a}, {b} (default per style)")
        String template;

        @Option(names = "--format", paramLabel = "raw|chat", converter = Converters.Format.class,
                description = "raw \"<image>\\n\"+text or the checkpoint's chat template (default: raw for paper, chat for world)")
        Converters.PromptFormat format;

        @Option(names = "--answers", split = ",", paramLabel = "A,B", description = "vocabulary pieces read for the two answers (default: the answer words, e.g. left,right)")
        List<String> answers;

        @Option(names = "--min-denominator", paramLabel = "NATS", defaultValue = "0.1",
                description = "summary only: samples whose |c - i| is below this are left out of the robust statistics"
                        + " (median, pooled ratio) and counted as excluded (default: ${DEFAULT-VALUE})")
        double minDenominator;

        @Option(names = "--full-rerun", description = "patched runs as full forwards instead of suffix recomputation")
        boolean fullRerun;

        @Option(names = "--compare-speed", description = "also time every cell the other way and print both wall times")
        boolean compareSpeed;

        int run(SwapMode mode) {
            return experiment.runReported(spec, SwapExperiment.NAME, "swap " + mode.cliName(), (lm, output, fresh, commandLine) -> {
                int[] range = LayerRange.span(layers, lm.model().numLayers());
                SwapPrompt.Style st = style == null ? SwapPrompt.detect(lm.tokenizer()) : SwapPrompt.Style.parse(style);
                SwapPrompt prompt = SwapPrompt.of(st, paperCompat, template, format == null ? null : format.raw());
                List<PositionSet> chosen = new ArrayList<>();
                if (sets == null) chosen.addAll(SwapSettings.DEFAULT_SETS);
                else for (String s : sets) chosen.add(PositionSet.parse(s));
                SwapSettings settings = new SwapSettings(mode, prompt, answers, range[0], range[1], chosen, paperCompat,
                        world.seed, fullRerun, compareSpeed);
                var outcome = new SwapExperiment(lm, settings, minDenominator).run(source(mode, lm), world.n, output, fresh, commandLine);
                return details(outcome);
            });
        }

        private SwapSampleSource source(SwapMode mode, LoadedModel lm) {
            if (whatsup != null) {
                if (images == null) throw new VlmscopeException("--whatsup needs --images DIR (the COCO val2017 folder). Fix: add --images");
                return new CocoSwapSamples(mode, whatsup, images, indices, world.seed);
            }
            if (images != null || indices != null) {
                throw new VlmscopeException("--images/--indices apply to What'sUp data. Fix: add --whatsup FILE or drop them");
            }
            return new WorldSwapSamples(mode, world.n, world.seed, world.canvas(lm), world.backgrounds(), colourWords,
                    w -> answers != null || lm.tokenizer().tokenToId(w).isPresent());
        }

        private List<String> details(SwapExperiment.Outcome outcome) {
            JsonNode summary = outcome.summary();
            List<String> lines = new ArrayList<>();
            lines.add(outcome.samples() + " samples, " + summary.path("records").asInt() + " records in the summary");
            summary.path("sets").properties().forEach(set -> set.getValue().properties().forEach(label -> lines.add(
                    String.format(Locale.ROOT, "%-10s %-8s peak mean shift %s at layer %s", set.getKey(), label.getKey(),
                            label.getValue().path("peak_mean_shift").asText(), label.getValue().path("peak_layer").asText()))));
            var t = outcome.timing();
            if (compareSpeed && t.cells() > 0) {
                lines.add(String.format(Locale.ROOT, "wall time over %d cells (traces %.2f s): suffix recomputation %.2f s,"
                        + " full reruns %.2f s (%.1fx); max |log-prob gap| %.2e", t.cells(), t.traceSeconds(), t.suffixSeconds(),
                        t.fullSeconds(), t.fullSeconds() / Math.max(t.suffixSeconds(), 1e-9), t.maxGap()));
            }
            return lines;
        }
    }
}
