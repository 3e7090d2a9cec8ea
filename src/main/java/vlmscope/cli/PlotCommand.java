package vlmscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import vlmscope.report.Replot;
import vlmscope.report.ResultsFolder;
import vlmscope.experiments.catalogue.FigureCatalogue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vlmscope plot RESULTS_DIR...}: re-makes figures (PNG + SVG) from stored results, without re-running. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Re-make the figures (PNG + SVG) of experiment results folders from their results.jsonl.")
final class PlotCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ResultsFolderArguments results;

    @Option(names = "--out", paramLabel = "FIGDIR", converter = Converters.OutputPath.class,
            description = "where figures go (default: RESULTS_DIR/figures; with several folders, FIGDIR/<folder name>)")
    Path out;

    @Override
    public Integer call() {
        List<ResultsFolder> opened = results.folders.stream().map(ResultsFolder::open).toList(); // all errors before any writing
        for (ResultsFolder folder : opened) Replot.makerFor(folder, FigureCatalogue.all());
        for (ResultsFolder folder : opened) {
            Path target = out == null ? folder.figuresDir()
                    : opened.size() == 1 ? out : out.resolve(folder.dir().toAbsolutePath().normalize().getFileName().toString());
            Replot.figures(folder, target, FigureCatalogue.all());
            spec.commandLine().getOut().println("plot: " + folder.experiment() + " (" + folder.dir() + ")");
            spec.commandLine().getOut().println("figures: " + target);
        }
        return 0;
    }
}
