package vlmscope.experiments.swap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input to {@code vlmscope swap} ends with exit code 2 and one line naming the problem and the fix. */
class SwapCommandErrorsTest {

    @TempDir
    Path dir;

    @Test
    void badInputGivesOneLine() throws IOException {
        String model = SwapExperimentTest.FIXTURE.toString();
        String out = dir.resolve("out").toString();
        Files.writeString(dir.resolve("rows.json"), "[]");
        assertError("no rows", "swap", "mirror", "--model", model, "--out", out, "--whatsup", dir.resolve("rows.json").toString(),
                "--images", dir.toString());
        assertError("outside the model's blocks", "swap", "mirror", "--model", model, "--out", out, "--layers", "2-9");
        assertError("colour swapping needs re-rendered scenes", "swap", "colour", "--model", model, "--out", out,
                "--whatsup", dir.resolve("rows.json").toString(), "--images", dir.toString());
    }

    private static void assertError(String mention, String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true));
        int code;
        try {
            code = Main.run(args);
        } finally {
            System.setErr(err);
        }
        String text = buffer.toString().strip();
        assertEquals(2, code, text);
        assertTrue(text.contains(mention), text);
        assertEquals(1, text.lines().count(), text);
    }
}
