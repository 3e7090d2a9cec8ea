package vlmscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.concurrent.Callable;

/** The {@code vlmscope} command line: thin commands that parse, call the library and print. */
@Command(name = "vlmscope", mixinStandardHelpOptions = true, version = "vlmscope 0.1.0",
        description = "Causal interpretability for vision-language models.",
        subcommands = {CommandLine.HelpCommand.class, InspectCommand.class, GenerateCommand.class, VerifyCommand.class,
                WorldCommand.class, OrganismCommand.class, SwapCommand.class, IdsCommand.class, SteerCommand.class, DiagnoseCommand.class,
                TemporalCommand.class, FinetuneCommand.class, DemoCommand.class, PlotCommand.class, ReportCommand.class, BenchCommand.class})
public final class Main {

    @CommandLine.Mixin
    DebugOption debug;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI on the process's stdout and stderr. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs the last command given (a class, or a {@code @Command} method such as {@code swap mirror}); a command group
     * without one of its commands (e.g. {@code vlmscope steer}) is a usage error.
     */
    private static int requireCommand(CommandLine.ParseResult parsed) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) return help;
        CommandLine last = parsed.asCommandLineList().getLast();
        Object command = last.getCommandSpec().userObject();
        if (!(command instanceof Runnable) && !(command instanceof Callable<?>) && !(command instanceof Method)) {
            throw new CommandLine.ParameterException(last, "'" + last.getCommandSpec().qualifiedName(" ")
                    + "' needs one of its commands: " + String.join(", ", last.getSubcommands().keySet()));
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /**
     * Runs the CLI with the given output streams. Exit codes: 0 done; 2 the input, a file or the machine is the
     * problem (one line naming it and the fix); 1 an unexpected failure, a bug (one line; {@code --debug} adds the
     * stack trace). See {@link ErrorReport}.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main()).setOut(out).setErr(err)
                .setParameterExceptionHandler(ErrorReport::usage)
                .setExecutionStrategy(Main::requireCommand)
                .setExecutionExceptionHandler((ex, cmd, parsed) -> ErrorReport.report(ex, err, DebugOption.requested(args)));
        try {
            return cli.execute(args);
        } catch (Throwable t) { // errors (out of memory, stack overflow) that picocli lets through
            return ErrorReport.report(t, err, DebugOption.requested(args));
        } finally {
            out.flush();
            err.flush();
        }
    }
}
