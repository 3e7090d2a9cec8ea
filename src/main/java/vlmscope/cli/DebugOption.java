package vlmscope.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.util.List;

/** {@code --debug}: print the stack trace of a failure after its one-line message; accepted by every command. */
final class DebugOption {

    static final String NAME = "--debug";

    @Option(names = NAME, scope = ScopeType.INHERIT, description = "on failure, also print the stack trace")
    boolean debug;

    /** Whether the command line asks for {@code --debug} (read from the raw arguments, so it works before parsing ends). */
    static boolean requested(String... args) {
        return List.of(args).contains(NAME);
    }
}
