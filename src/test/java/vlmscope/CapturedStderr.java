package vlmscope;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** What an action writes to System.err, for tests of notes and warnings. */
public final class CapturedStderr {

    private CapturedStderr() {
    }

    public static String of(Runnable action) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true));
        try {
            action.run();
        } finally {
            System.setErr(saved);
        }
        return buffer.toString();
    }
}
