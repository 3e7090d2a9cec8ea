package vlmscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import vlmscope.tensor.SafetensorsFile;

/**
 * Bad input through the CLI: one clear line naming the file and the fix, exit code 2, no output file.
 */
class BadInputTest {

    static final Path FIXTURE = Path.of("fixtures/llava-tiny-1234");
    static final String QUESTION = "Is the red circle on the left or on the right?";

    record Outcome(int exit, String err) {
    }

    static Outcome run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Outcome(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    static Path copyFixture(Path tmp) throws IOException {
        Path dir = tmp.resolve("ckpt");
        try (Stream<Path> files = Files.walk(FIXTURE)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = dir.resolve(FIXTURE.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    static void assertOneLineError(Outcome o, String... fragments) {
        assertEquals(2, o.exit(), "exit code; stderr was: " + o.err());
        String[] lines = o.err().strip().split("\n");
        assertEquals(1, lines.length, "exactly one error line, got: " + o.err());
        assertTrue(lines[0].contains("Fix:"), "the line says how to fix it: " + lines[0]);
        for (String f : fragments) assertTrue(lines[0].contains(f), "'" + f + "' missing from: " + lines[0]);
    }

    private static String[] inspect(Path model, Path image, String... more) {
        String[] base = {"inspect", "--model", model.toString(), "--image", image.toString(), "--prompt", QUESTION};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void unknownModelType(@TempDir Path tmp) throws IOException {
        Path dir = copyFixture(tmp);
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"model_type\": \"llava\"", "\"model_type\": \"llava_next_video\""));
        Outcome o = run(inspect(dir, dir.resolve("images/shapes_500x375.png")));
        assertOneLineError(o, config.toString(), "llava_next_video", "not supported");
    }

    @Test
    void configWeightShapeMismatch(@TempDir Path tmp) throws IOException {
        Path dir = copyFixture(tmp);
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"intermediate_size\": 88", "\"intermediate_size\": 96"));
        Outcome o = run(inspect(dir, dir.resolve("images/shapes_500x375.png")));
        assertOneLineError(o, "model.safetensors", "shape", "mlp");
    }

    @Test
    void truncatedSafetensors(@TempDir Path tmp) throws IOException {
        Path dir = copyFixture(tmp);
        Path weights = dir.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Outcome o = run(inspect(dir, dir.resolve("images/shapes_500x375.png")));
        assertOneLineError(o, weights.toString(), "truncated");
    }

    @Test
    void unreadableImage(@TempDir Path tmp) throws IOException {
        Path image = tmp.resolve("broken.png");
        Files.write(image, new byte[]{1, 2, 3, 4, 5});
        Outcome o = run(inspect(FIXTURE, image));
        assertOneLineError(o, image.toString());
    }

    @Test
    void missingCheckpointFolder(@TempDir Path tmp) {
        Outcome o = run(inspect(tmp.resolve("nope"), FIXTURE.resolve("images/shapes_500x375.png")));
        assertOneLineError(o, "nope");
    }

    @Test
    void badDumpSiteWritesNoFile(@TempDir Path tmp) {
        Path out = tmp.resolve("acts.safetensors");
        Outcome o = run(inspect(FIXTURE, FIXTURE.resolve("images/shapes_500x375.png"), "--dump", "blocks.99.resid_post",
                "--out", out.toString()));
        assertOneLineError(o, "matched no hook site");
        assertFalse(Files.exists(out), "no half-written output");
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(0, left.count(), "no temp files left behind");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void dumpWritesEveryMatchingSite(@TempDir Path tmp) {
        Path out = tmp.resolve("acts.safetensors");
        Outcome o = run(inspect(FIXTURE, FIXTURE.resolve("images/shapes_500x375.png"), "--dump", "embed,blocks.*.resid_post",
                "--out", out.toString()));
        assertEquals(0, o.exit(), o.err());
        try (var file = SafetensorsFile.open(out)) {
            assertEquals(java.util.Set.of("embed", "blocks.0.resid_post", "blocks.1.resid_post", "blocks.2.resid_post"), file.names());
            assertEquals(600, file.info("embed").shape()[0]);
            assertEquals(32, file.info("embed").shape()[1]);
        }
    }
}
