package vlmscope.cli;

import picocli.CommandLine;
import vlmscope.VlmscopeException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;

/**
 * How a failure reaches the user: always one line on stderr, never a bare stack trace.
 *
 * <ul>
 *   <li>exit 2, a problem the user can fix: bad input ({@link VlmscopeException}, already "… Fix: …"), a bad
 *       option value (picocli's parse errors), a read or write that failed (a full disk, a missing permission),
 *       memory too small for the input;</li>
 *   <li>exit 1, anything else: a bug. The line names the exception and says to run with {@code --debug}.</li>
 * </ul>
 * With {@code --debug} the stack trace follows the line.
 */
final class ErrorReport {

    static final int USER_ERROR = 2;
    static final int BUG = 1;

    private ErrorReport() {
    }

    /** Reports {@code failure} on {@code err} and returns the exit code. */
    static int report(Throwable failure, PrintWriter err, boolean debug) {
        VlmscopeException user = find(failure, VlmscopeException.class);
        IOException io = find(failure, IOException.class);
        OutOfMemoryError memory = find(failure, OutOfMemoryError.class);
        int code = USER_ERROR;
        if (user != null) {
            err.println("vlmscope: " + user.getMessage());
        } else if (memory != null) {
            err.println("vlmscope: out of memory (" + memory.getMessage() + "). Fix: give Java more heap, e.g."
                    + " VLMSCOPE_JAVA_OPTS=-Xmx16g, or use smaller inputs");
        } else if (io != null) {
            err.println("vlmscope: a read or write failed: " + where(failure, io) + ". Fix: check free disk space and the"
                    + " permissions of the named file; re-running the same command resumes from the records already stored");
        } else {
            err.println("vlmscope: unexpected error " + describe(failure) + " (a bug; run with " + DebugOption.NAME
                    + " for the stack trace)");
            code = BUG;
        }
        if (debug) failure.printStackTrace(err);
        err.flush();
        return code;
    }

    /** picocli's parse errors (unknown option, bad value, missing required option): one line, exit 2. */
    static int usage(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String message = ex.getMessage().strip().replace("\n", " ").replaceAll("\\.$", "");
        cmd.getErr().println("vlmscope: " + message + (message.contains("Fix:") ? "" : ". Fix: see 'vlmscope "
                + cmd.getCommandSpec().qualifiedName(" ").replaceFirst("^vlmscope ?", "") + " --help'").replace("  ", " "));
        if (DebugOption.requested(args)) ex.printStackTrace(cmd.getErr());
        cmd.getErr().flush();
        return USER_ERROR;
    }

    /** "writing FILE: No space left on device": the message of the wrapper that names the file, then the cause's. */
    private static String where(Throwable failure, IOException io) {
        UncheckedIOException wrapper = find(failure, UncheckedIOException.class);
        String what = wrapper != null && wrapper.getCause() == io && wrapper.getMessage() != null
                && !wrapper.getMessage().equals(io.toString()) ? wrapper.getMessage() + ": " : "";
        return what + describe(io);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip().replace("\n", " "));
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) if (type.isInstance(c)) return type.cast(c);
        return null;
    }
}
