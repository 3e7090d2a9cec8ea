package vlmscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import vlmscope.VlmscopeException;

/** The {@code vlmscope} command line: thin commands that parse, call the library and print. */
@Command(name = "vlmscope", mixinStandardHelpOptions = true, version = "vlmscope 0.1.0",
        description = "Causal interpretability for vision-language models.",
        subcommands = {CommandLine.HelpCommand.class, InspectCommand.class, GenerateCommand.class, VerifyCommand.class,
                WorldCommand.class, SwapCommand.class, IdsCommand.class, SteerCommand.class, DiagnoseCommand.class,
                TemporalCommand.class, PlotCommand.class, ReportCommand.class, BenchCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI; user-facing errors become one line on stderr and exit code 2. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            Throwable cause = ex;
            while (cause != null && !(cause instanceof VlmscopeException)) cause = cause.getCause();
            if (cause != null) {
                cmd.getErr().println("vlmscope: " + cause.getMessage());
                return 2;
            }
            throw ex;
        });
        return cli.execute(args);
    }
}
