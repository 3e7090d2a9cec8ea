package vlmscope.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vlmscope.VlmscopeException;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.ids.Anchor;
import vlmscope.experiments.ids.IdsExperiment;
import vlmscope.experiments.ids.IdsSettings;
import vlmscope.model.Precision;
import vlmscope.experiments.ids.SpatialIdFigure;
import vlmscope.results.ResultStore;
import vlmscope.engine.LoadedModel;

import vlmscope.world.BackgroundChoice;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/** {@code vlmscope ids …}: spatial-ID extraction on the grid world (Fig 5) and text-only anchors (A19). */
@Command(name = "ids", mixinStandardHelpOptions = true,
        description = "Spatial IDs: universal IDs, x/y axes, plane projection (Fig 5) and text-only anchors (A19).",
        subcommands = {IdsCommand.Extract.class, IdsCommand.Anchors.class})
public final class IdsCommand {

    /** {@code vlmscope ids extract}. */
    @Command(name = "extract", mixinStandardHelpOptions = true,
            description = "Run the grid data through the model, average spatial IDs per pair and over pairs, fit the axes.")
    static final class Extract implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ExperimentOptions experiment;

        @Option(names = "--baseline-model", paramLabel = "DIR",
                description = "Also run this checkpoint (e.g. the untrained organism) and store its numbers beside the model's.")
        Path baselineModel;

        @Option(names = "--pairs", split = ";", defaultValue = "dog,cat",
                description = "Object pairs a,b separated by ';' — IDs are of b, centred per cell of a (default ${DEFAULT-VALUE}).")
        List<String> pairs;

        @Option(names = "--cells", defaultValue = "4", description = "Grid cells per side (default ${DEFAULT-VALUE}).")
        int cells;

        @Option(names = "--sizes", split = ",", defaultValue = "74,124,174,224",
                description = "Object sizes in 224ths of a cell (default ${DEFAULT-VALUE}).")
        List<Integer> sizes;

        @Option(names = "--axis-size", description = "Size whose IDs define the axes and the plane (default: the largest size).")
        Integer axisSize;

        @Option(names = "--canvas", description = "Image side in pixels (default: the model's vision image size).")
        Integer canvas;

        @Option(names = "--seed", defaultValue = "0", description = "World seed: object colours per pair (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--background", defaultValue = "black", converter = Converters.Background.class,
                description = "black | textured | mixed (default ${DEFAULT-VALUE}).")
        BackgroundChoice background;

        @Option(names = "--layers", paramLabel = "a-b", description = "Block indices L of blocks.L.resid_post, e.g. 0-5 or 3,7 (default: all).")
        String layers;

        @Option(names = "--question", description = "Question template with {a} and {b} (default: the world's "
                + "'Is the {b} to the left or right of the {a}? Answer left or right.').")
        String question;

        @Option(names = "--anchor", paramLabel = "NAME=PROMPT|w1,w2",
                description = "Text-only anchor (repeatable; {word} in PROMPT runs each word alone). Default: left/right and "
                        + "above/below in the spatial questions, and each word alone.")
        List<String> anchors;

        @Option(names = "--limit", description = "Stop after this many images (the run resumes where it stopped).")
        Long limit;

        @Override
        public Integer call() {
            Path modelDir = experiment.modelDir();
            Precision precision = experiment.dtype;
            try (LoadedModel lm = LoadedModel.open(modelDir, precision);
                 LoadedModel base = baselineModel == null ? null : LoadedModel.open(baselineModel, precision)) {
                int numLayers = lm.model().numLayers();
                int side = canvas != null ? canvas : lm.model().imageSize();
                int axis = axisSize != null ? axisSize : Collections.max(sizes);
                IdsSettings settings = new IdsSettings(pairs, cells, sizes, side, seed, background,
                        question, layers(numLayers), axis);
                List<Anchor> anchorList = anchors == null ? null : anchors.stream().map(Anchor::parse).toList();
                ExperimentOutput output = experiment.output();
                RunReport report = RunReport.before(spec.commandLine().getOut(), output, experiment.fresh());
                ObjectNode summary = IdsExperiment.extract(lm, base, settings, anchorList, output, experiment.fresh(),
                        limit == null ? Long.MAX_VALUE : limit, RecordedCommand.of(spec));
                var o = spec.commandLine().getOut();
                if (summary == null) {
                    o.printf("stopped after --limit %d images; run again to resume%n", limit);
                    return 0;
                }
                new SpatialIdFigure().make(ResultStore.read(output.resultsFile()), output.figuresDir());
                report.print("ids extract", List.of(summaryLine(summary), "ids: " + IdsExperiment.idsFile(output, IdsExperiment.MODEL)));
                return 0;
            }
        }

        /** --layers ascending and distinct; every block when not given. */
        private int[] layers(int numLayers) {
            if (layers == null || layers.isBlank()) return IntStream.range(0, numLayers).toArray();
            int[] chosen = LayerRange.sortedList(layers, numLayers);
            if (chosen.length == 0) throw new VlmscopeException("--layers " + layers + " selects no layer. Fix: write e.g. 0-" + (numLayers - 1));
            return chosen;
        }
    }

    /** {@code vlmscope ids anchors}: text-only anchors projected on an extraction's planes. */
    @Command(name = "anchors", mixinStandardHelpOptions = true,
            description = "Project text-only anchors (plain vs spatial prompts, A19) onto the ID planes of an 'ids extract' folder.")
    static final class Anchors implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", converter = Converters.OutputPath.class,
                description = "The 'ids extract' output folder.")
        Path out;

        @Option(names = "--dtype", defaultValue = "fp32", paramLabel = "fp32|bf16", converter = Converters.PrecisionValue.class,
                description = "Compute precision (default ${DEFAULT-VALUE}).")
        Precision precision;

        @Option(names = "--anchor", required = true, paramLabel = "NAME=PROMPT|w1,w2",
                description = "Text-only anchor (repeatable); {word} in PROMPT runs each word alone, e.g. 'plain={word}|left,right'.")
        List<String> anchors;

        @Override
        public Integer call() {
            ExperimentOutput output = new ExperimentOutput(Folders.require(out, "the output of 'vlmscope ids extract'",
                    "pass the --out folder of an 'ids extract' run"));
            IdsExperiment.anchors(output, anchors.stream().map(Anchor::parse).toList(), dir -> LoadedModel.open(dir, precision));
            new SpatialIdFigure().make(ResultStore.read(output.resultsFile()), output.figuresDir());
            var o = spec.commandLine().getOut();
            o.println("ids anchors: appended anchor records");
            o.println("  anchors: " + IdsExperiment.anchorsFile(output, IdsExperiment.MODEL));
            o.println("results: " + output.resultsFile());
            return 0;
        }
    }

    private static String summaryLine(ObjectNode summary) {
        var best = summary.path("best_layer");
        if (best.isMissingNode()) return "no layers";
        String line = String.format(Locale.ROOT, "best layer L%d (paper layer %d): explained variance of the axes plane %.3f",
                best.path("layer").asInt(), best.path("paper_layer").asInt(), best.path("explained").asDouble());
        if (best.has("baseline_explained"))
            line += String.format(Locale.ROOT, " (baseline %.3f)", best.path("baseline_explained").asDouble());
        return line;
    }
}
