package vlmscope.cli;

import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** {@code RESULTS_DIR...}: the experiment output folders a command reads (plot, report). */
final class ResultsFolderArguments {

    @Parameters(arity = "1..*", paramLabel = "RESULTS_DIR", description = "experiment output folders (each holds results.jsonl)")
    List<Path> folders;
}
