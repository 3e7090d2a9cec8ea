package vlmscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import vlmscope.VlmscopeException;

/** The {@code vlmscope} command line: thin commands that parse, call the library and print. */
@Command(name = "vlmscope", mixinStandardHelpOptions = true, version = "vlmscope 0.1.0",
        description = "Causal interpretability for vision-language models.",
        subcommands = {CommandLine.HelpCommand.class, InspectCommand.class, GenerateCommand.class, VerifyCommand.class,
                WorldCommand.class, OrganismCommand.class, SwapCommand.class, IdsCommand.class, SteerCommand.class, DiagnoseCommand.class,
                TemporalCommand.class, FinetuneCommand.class, DemoCommand.class, PlotCommand.class, ReportCommand.class, BenchCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** User-facing errors become one line on stderr and exit code 2; anything else is a bug and propagates. */
    static final CommandLine.IExecutionExceptionHandler ERRORS = (ex, cmd, parsed) -> {
        Throwable cause = ex;
        while (cause != null && !(cause instanceof VlmscopeException)) cause = cause.getCause();
        if (cause != null) {
            cmd.getErr().println("vlmscope: " + cause.getMessage());
            return 2;
        }
        throw ex;
    };

    /** Runs the CLI. */
    public static int run(String... args) {
        return new CommandLine(new Main()).setExecutionExceptionHandler(ERRORS).execute(args);
    }
}
