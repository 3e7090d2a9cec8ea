package vlmscope.experiments;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {

    private static String draw(boolean terminal) {
        StringWriter text = new StringWriter();
        Progress p = new Progress("swap mirror", 3, new PrintWriter(text, true), terminal);
        p.skip(1);
        p.step("a");
        p.step("b");
        p.finish();
        return text.toString();
    }

    @Test
    void plainLinesWithAnEtaWhenNotATerminal() {
        String out = draw(false);
        assertFalse(out.contains("\r"), out);
        assertEquals(1, out.lines().count(), out); // one line at the end; others at most every 10 s
        for (String line : out.lines().toList()) assertTrue(line.startsWith("swap mirror 3/3") && line.contains(" eta "), line);
    }

    @Test
    void aBarRedrawnInPlaceOnATerminal() {
        String out = draw(true);
        assertTrue(out.startsWith("\rswap mirror [") && out.contains(" eta ") && out.endsWith("\n"), out);
    }

    @Test
    void durations() {
        assertEquals("42s", Progress.duration(42));
        assertEquals("3m05s", Progress.duration(185));
        assertEquals("1h02m", Progress.duration(3720));
    }
}
