package vlmscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vlmscope.VlmscopeException;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.steer.AdversarialSteering;
import vlmscope.experiments.steer.AdversarialSummary;
import vlmscope.experiments.steer.ArbitrarySteering;
import vlmscope.experiments.steer.PromptStyle;
import vlmscope.experiments.ids.SpatialIdFile;
import vlmscope.experiments.steer.SteerSample;
import vlmscope.experiments.steer.SteeringAcrossModels;
import vlmscope.experiments.steer.WorldSteerData;
import vlmscope.engine.LoadedModel;
import vlmscope.world.BackgroundChoice;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code vlmscope steer …}: adversarial steering (Fig 2, A16, A9), its cross-model summary (Fig 9), arbitrary steering (Fig 6). */
@Command(name = "steer", mixinStandardHelpOptions = true, description = "Steering with spatial IDs (paper Figs 2, 6, 9; A9, A16).",
        subcommands = {SteerCommand.Adversarial.class, SteerCommand.Summary.class, SteerCommand.Arbitrary.class})
public final class SteerCommand {

    /** Options every steering run shares. */
    static final class Common extends WorldCanvasOptions {

        @Mixin
        ExperimentOptions experiment;

        @Mixin
        IdFileOptions idFile;

        @Option(names = "--n", defaultValue = "100", converter = Converters.Count.class, description = "samples (default: ${DEFAULT-VALUE})")
        int n;

        @Option(names = "--seed", defaultValue = "42", description = "seed for samples and noise (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--layers", paramLabel = "a-b|a,b,..", description = "block indices L of blocks.L.resid_post (default: every layer with IDs)")
        String layers;

        @Option(names = "--alpha", defaultValue = "5", description = "steering factor α (default: ${DEFAULT-VALUE}, the paper's)")
        double alpha;

        @Option(names = "--prompt", defaultValue = "world", description = "world (the world's question + instruction) | paper (the paper's wording) (default: ${DEFAULT-VALUE})")
        String prompt;

        @Option(names = "--raw", description = "the paper's raw \"<image>\\n\" prompt instead of the chat template")
        boolean raw;

        @Option(names = "--paper-compat", description = "reproduce the paper code's bugs (docs/paper-mapping.md#paper-compat) instead of fixing them")
        boolean paperCompat;

        /** The ID file, checked to hold every universal ID of each of its layers. */
        SpatialIdFile idFile() {
            SpatialIdFile file = idFile.read();
            for (int layer : file.layers()) file.requireLayer(layer, false);
            return file;
        }

        /** --layers ascending, or every layer of {@code file} that the model has. */
        int[] layers(SpatialIdFile file, int numLayers) {
            if (layers == null) return file.layers().stream().filter(l -> l < numLayers).mapToInt(Integer::intValue).toArray();
            return LayerRange.sortedList(layers, numLayers);
        }
    }

    /** {@code vlmscope steer adversarial}. */
    @Command(name = "adversarial", mixinStandardHelpOptions = true,
            description = "Fig 2: steer object words against the model's answer with spatial-ID differences vs same-norm noise;"
                    + " A16 (--conditions cross), A9 (--conditions oracle).")
    static final class Adversarial implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--conditions", defaultValue = "id,noise", split = ",",
                description = "any of id, noise, cross (A16), oracle (A9), toward (the ID edit reversed, toward the answer"
                        + " already given: must not flip it) (default: ${DEFAULT-VALUE})")
        List<String> conditions;

        @Option(names = "--alphas", split = ",", paramLabel = "A,B,...",
                description = "dose–response: also steer at these α (id, noise, toward, cross), e.g. 0.25,0.5,1,2,5; the"
                        + " summary reports the α where ID swaps >= 80% while noise swaps <= 10%, or that none exists")
        List<Double> alphas;

        @Option(names = "--max-new-tokens", defaultValue = "1",
                description = "answer length; 1 = first greedy token, read from a suffix-recomputed run (default: ${DEFAULT-VALUE})")
        int maxNew;

        @Option(names = "--direction", defaultValue = "answer",
                description = "steer against the model's answer text (paper; skips answers naming neither choice) or its belief (default: ${DEFAULT-VALUE})")
        String direction;

        @Override
        public Integer call() {
            Set<AdversarialSteering.Condition> cs = new LinkedHashSet<>();
            for (String c : conditions) cs.add(AdversarialSteering.Condition.parse(c));
            if (!direction.equals("answer") && !direction.equals("belief")) {
                throw new VlmscopeException("--direction '" + direction + "' is unknown. Fix: use answer or belief");
            }
            return common.experiment.runReported(spec, AdversarialSteering.EXPERIMENT, "steer adversarial", (lm, output, fresh, commandLine) -> {
                SpatialIdFile ids = common.idFile();
                var options = new AdversarialSteering.Options(common.layers(ids, lm.model().numLayers()), common.alpha, cs,
                        maxNew, common.paperCompat, common.raw, PromptStyle.parse(common.prompt, PromptStyle.PAPER_ADVERSARIAL),
                        common.seed, direction.equals("belief"),
                        alphas == null ? new double[0] : alphas.stream().mapToDouble(Double::doubleValue).toArray());
                List<SteerSample> samples = WorldSteerData.mixedLeftRightAboveBelow(common.n, common.seed, common.canvas(lm), common.backgrounds());
                AdversarialSummary.Result r = new AdversarialSteering(lm, ids, options).run(samples, output, fresh, commandLine);
                return List.of("top3 " + r.json().path("top3").toPrettyString());
            });
        }
    }

    /** {@code vlmscope steer arbitrary}. */
    @Command(name = "arbitrary", mixinStandardHelpOptions = true,
            description = "Fig 6: steer the subject toward every grid cell (single, batch-lr, near-far, in-between).")
    static final class Arbitrary implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--mode", required = true, converter = ModeValue.class,
                description = "single | batch-lr | near-far | in-between")
        ArbitrarySteering.Mode mode;

        @Option(names = "--id-layer", description = "add the IDs of this layer at every steered layer (the paper's single run: its layer 13)")
        Integer idLayer;

        @Option(names = "--sample", defaultValue = "0", description = "single mode: which world sample (default: ${DEFAULT-VALUE})")
        int sample;

        @Override
        public Integer call() {
            ArbitrarySteering.Mode m = mode;
            return common.experiment.runReported(spec, ArbitrarySteering.EXPERIMENT, "steer " + m.label(), (lm, output, fresh, commandLine) -> {
                SpatialIdFile ids = common.idFile();
                var options = new ArbitrarySteering.Options(m, common.layers(ids, lm.model().numLayers()), common.alpha, idLayer,
                        common.paperCompat, common.raw, PromptStyle.parse(common.prompt, PromptStyle.PAPER_BATCH), common.seed);
                List<SteerSample> samples = WorldSteerData.generate(m.task(), m == ArbitrarySteering.Mode.SINGLE ? sample + 1 : common.n,
                        common.seed, common.canvas(lm), common.backgrounds());
                if (m == ArbitrarySteering.Mode.SINGLE) samples = samples.subList(sample, sample + 1);
                new ArbitrarySteering(lm, ids, options).run(samples, output, fresh, commandLine);
                return List.of();
            });
        }
    }

    /** {@code vlmscope steer summary}. */
    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "Fig 9 / Fig 2 table: baseline accuracy vs accuracy drop under ID steering, across adversarial result folders.")
    static final class Summary implements Callable<Integer> {

        @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "folders written by 'vlmscope steer adversarial'")
        List<Path> folders;

        @Option(names = "--out", required = true, paramLabel = "DIR", converter = Converters.OutputPath.class,
                description = "where results.jsonl, summary.json and figures/ go")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<SteeringAcrossModels.Row> rows = SteeringAcrossModels.rows(folders);
            SteeringAcrossModels.write(rows, folders, new ExperimentOutput(out), RecordedCommand.of(spec));
            var o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "steer summary: %d models%n", rows.size());
            o.printf(Locale.ROOT, "  %-24s %9s %18s %18s %16s %16s%n", "model", "accuracy", "accuracy drop", "drop w/o last",
                    "ID swap (top3)", "noise (top3)");
            for (var r : rows) {
                o.printf(Locale.ROOT, "  %-24s %9.3f %8.3f ± %7.3f %8.3f ± %7.3f %7.3f ± %6.3f %7.3f ± %6.3f%n", r.model(),
                        r.baselineAccuracy(), r.meanDrop(), r.stdDrop(), r.meanDropBeforeLast(), r.stdDropBeforeLast(),
                        r.idTop3Mean(), r.idTop3Std(), r.noiseTop3Mean(), r.noiseTop3Std());
            }
            var c = SteeringAcrossModels.correlation(rows);
            if (Double.isFinite(c.pearson())) {
                o.printf(Locale.ROOT, "  accuracy vs drop w/o last layer: Pearson r = %.3f (two-sided p = %.4f, exact t test,"
                        + " %d models), Spearman rho = %.3f%n", c.pearson(), c.p(), c.n(), c.spearman());
            } else {
                o.printf(Locale.ROOT, "  no correlation: %d model(s), at least 3 needed (5 for a verdict)%n", c.n());
            }
            o.println("summary: " + new ExperimentOutput(out).summaryFile());
            o.println("figures: " + new ExperimentOutput(out).figuresDir());
            return 0;
        }
    }

    /** {@code --mode}: one of the arbitrary-steering modes by its label. */
    static final class ModeValue implements CommandLine.ITypeConverter<ArbitrarySteering.Mode> {
        @Override
        public ArbitrarySteering.Mode convert(String value) {
            for (ArbitrarySteering.Mode m : ArbitrarySteering.Mode.values()) if (m.label().equals(value)) return m;
            throw new CommandLine.TypeConversionException("'" + value + "' is not a mode. Fix: use single, batch-lr,"
                    + " near-far or in-between");
        }
    }
}
