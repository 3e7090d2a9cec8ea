package vlmscope.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the CLI in-process with captured stdout and stderr. */
final class Cli {

    record Outcome(int exit, String out, String err) {
    }

    private Cli() {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** Exit code 2 and exactly one stderr line that says how to fix it and contains every fragment. */
    static void assertUserError(Outcome o, String... fragments) {
        assertEquals(2, o.exit(), "exit code; stderr was: " + o.err());
        String[] lines = o.err().strip().split("\n");
        assertEquals(1, lines.length, "exactly one error line, got: " + o.err());
        assertTrue(lines[0].startsWith("vlmscope: "), lines[0]);
        assertTrue(lines[0].contains("Fix:"), "the line says how to fix it: " + lines[0]);
        for (String f : fragments) assertTrue(lines[0].contains(f), "'" + f + "' missing from: " + lines[0]);
    }
}
