package vlmscope;

import java.nio.file.Path;

/**
 * A user-facing failure: one line that names what is wrong, where, and how to fix it.
 * The CLI prints {@link #getMessage()} alone and exits non-zero; nothing else is written.
 */
public class VlmscopeException extends RuntimeException {

    public VlmscopeException(String message) {
        super(message);
    }

    public VlmscopeException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "FILE: problem. Fix: fix" — the house format for bad input. */
    public static VlmscopeException badInput(Path file, String problem, String fix) {
        return new VlmscopeException(file + ": " + problem + ". Fix: " + fix);
    }

    public static VlmscopeException badInput(Path file, String problem, String fix, Throwable cause) {
        return new VlmscopeException(file + ": " + problem + ". Fix: " + fix, cause);
    }
}
