package vlmscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import vlmscope.VlmscopeException;
import vlmscope.report.HtmlReport;
import vlmscope.report.ResultsFolder;
import vlmscope.experiments.catalogue.FigureCatalogue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vlmscope report RESULTS_DIR... --out DIR}: one static HTML page with every folder's figures and numbers. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write one static HTML page (figures, caption, command, key numbers, run metadata) for results folders.")
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ResultsFolderArguments results;

    @Option(names = "--out", required = true, paramLabel = "DIR", converter = Converters.OutputPath.class, description = "report folder: index.html and its figures")
    Path out;

    @Override
    public Integer call() {
        List<ResultsFolder> opened = new ArrayList<>();
        for (Path folder : results.folders) {
            if (ResultsFolder.isExperiment(folder)) opened.add(ResultsFolder.open(folder));
            else spec.commandLine().getErr().println("skipping " + folder + ": not an experiment folder (no results.jsonl)");
        }
        if (opened.isEmpty()) {
            throw new VlmscopeException("none of the " + results.folders.size() + " folders given holds results.jsonl. "
                    + "Fix: pass folders written by an experiment command, e.g. runs/demo/*");
        }
        Path page = HtmlReport.write(opened, out, FigureCatalogue.all());
        spec.commandLine().getOut().println("report: " + opened.size() + " folders");
        spec.commandLine().getOut().println("page: " + page);
        return 0;
    }
}
