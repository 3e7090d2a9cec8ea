package vlmscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bad input of the hostile-tester list gives one line naming the problem and the fix, and exit code 2 — never
 * a stack trace. Runs on the committed organism (models/organism).
 */
class BadInputLinesTest {

    static final String ORGANISM = "models/organism";

    private static Cli.Outcome inspect(Path image, String... more) {
        String[] base = {"inspect", "--model", ORGANISM, "--image", image.toString(), "--prompt", "is the cat left of the dog?"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return Cli.run(all);
    }

    /** A PNG file that holds only its header (IHDR of width x height, 8-bit RGB) and IEND: never decodable in memory. */
    static Path pngHeader(Path file, int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[]{8, 2, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IEND", new byte[0]);
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    /**
     * LLaVA-1.5 resizes the short side to 336 before its centre crop: a 20000x1 image would become 6,720,000x336
     * (it used to end in a NegativeArraySizeException). The organism with LLaVA's resize (crop unchanged) shows it.
     */
    @Test
    void aVeryElongatedImageIsRejectedBeforeTheResize(@TempDir Path tmp) throws IOException {
        Path model = tmp.resolve("organism-336");
        Files.createDirectories(model);
        try (var files = Files.list(Path.of(ORGANISM))) {
            for (Path f : (Iterable<Path>) files::iterator) if (Files.isRegularFile(f)) Files.copy(f, model.resolve(f.getFileName()));
        }
        Path config = model.resolve("preprocessor_config.json");
        Files.writeString(config, Files.readString(config).replaceFirst("\"shortest_edge\" : 64", "\"shortest_edge\" : 336"));
        Path file = tmp.resolve("long.png");
        ImageIO.write(new BufferedImage(20000, 1, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
        Cli.Outcome o = Cli.run("inspect", "--model", model.toString(), "--image", file.toString(), "--prompt", "left?");
        Cli.assertUserError(o, "20000x1", "too elongated", "aspect ratio");
    }

    @Test
    void aHugeImageIsRejectedFromItsHeader(@TempDir Path tmp) throws IOException {
        Cli.assertUserError(inspect(pngHeader(tmp.resolve("huge.png"), 20000, 20000)), "huge.png", "20000x20000", "over the limit",
                "maxImagePixels");
    }

    @Test
    void aHugerImageIsRejectedFromItsHeaderToo(@TempDir Path tmp) throws IOException {
        Cli.assertUserError(inspect(pngHeader(tmp.resolve("huger.png"), 40000, 40000)), "huger.png", "40000x40000", "over the limit");
    }

    @Test
    void theLimitCanBeRaised(@TempDir Path tmp) throws IOException {
        Path file = pngHeader(tmp.resolve("huge.png"), 20000, 20000);
        System.setProperty("vlmscope.maxImagePixels", Long.toString(20000L * 20000));
        try {
            Cli.Outcome o = inspect(file);
            assertFalse(o.err().contains("over the limit"), o.err());
            Cli.assertUserError(o, "huge.png", "not a readable image"); // past the limit, the header-only file fails to decode
        } finally {
            System.clearProperty("vlmscope.maxImagePixels");
        }
    }

    @Test
    void anUnknownSteeringMode() {
        Cli.assertUserError(Cli.run("steer", "arbitrary", "--mode", "bogus", "--ids", "x.safetensors", "--out", "x"),
                "--mode", "bogus", "single, batch-lr");
    }

    @Test
    void dumpIntoAFolder(@TempDir Path tmp) throws IOException {
        Path image = tmp.resolve("small.png");
        ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
        Cli.assertUserError(inspect(image, "--dump", "embed", "--out", tmp.toString()), tmp.toString(), "is a folder",
                "acts.safetensors");
    }

    @Test
    void negativeCountsAreRejected() {
        String[][] commands = {
                {"steer", "adversarial", "--ids", "x.safetensors", "--out", "x", "--n", "-1"},
                {"steer", "arbitrary", "--mode", "near-far", "--ids", "x.safetensors", "--out", "x", "--n", "-3"},
                {"temporal", "swap", "--out", "x", "--n", "-1"},
                {"temporal", "steer", "--ids", "x", "--out", "x", "--n", "-1"},
                {"organism", "eval", "--n", "-1"},
                {"swap", "mirror", "--out", "x", "--n", "-1"},
                {"diagnose", "deviation", "--ids", "x.safetensors", "--out", "x", "--n", "-1"},
                {"world", "render", "--kind", "free", "--out", "x", "--n", "-1"},
        };
        for (String[] c : commands) Cli.assertUserError(Cli.run(c), "--n", "negative");
    }

    @Test
    void aCommandGroupWithoutItsCommand() {
        Cli.assertUserError(Cli.run("steer"), "needs one of its commands", "adversarial", "vlmscope steer --help");
    }

    @Test
    void anEmptyOutputPathIsRejected() {
        Cli.assertUserError(Cli.run("swap", "mirror", "--out", ""), "--out", "empty");
        Cli.assertUserError(Cli.run("temporal", "ids", "--out", " "), "--out", "empty");
        Cli.assertUserError(Cli.run("report", "runs/x", "--out", ""), "--out", "empty");
    }

    @Test
    void anUnknownPrecision() {
        Cli.assertUserError(Cli.run("swap", "mirror", "--out", "x", "--dtype", "fp8"), "--dtype", "fp8", "fp32 or bf16");
    }

    @Test
    void aMissingModelFolderReadsTheSameInEveryCommand(@TempDir Path tmp) {
        String missing = tmp.resolve("nope").toString();
        for (String[] c : new String[][]{
                {"swap", "mirror", "--model", missing, "--out", tmp.resolve("o").toString()},
                {"temporal", "swap", "--model", missing, "--out", tmp.resolve("o").toString()},
                {"inspect", "--model", missing, "--prompt", "x"},
                {"organism", "eval", "--model", missing},
        }) {
            Cli.assertUserError(Cli.run(c), missing + ": no such folder");
        }
    }

    @Test
    void debugAddsTheStackTrace(@TempDir Path tmp) {
        Cli.Outcome o = Cli.run("inspect", "--model", tmp.resolve("nope").toString(), "--prompt", "x", "--debug");
        assertTrue(o.exit() == 2 && o.err().startsWith("vlmscope: ") && o.err().contains("\tat vlmscope."), o.err());
    }

    @Test
    void aPromptPastTheModelsPositionsWarns(@TempDir Path tmp) throws IOException {
        Path image = tmp.resolve("small.png");
        ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
        String prompt = "left ".repeat(1100); // the organism: 1024 positions, one token per word
        Cli.Outcome o = Cli.run("inspect", "--model", ORGANISM, "--image", image.toString(), "--prompt", prompt, "--top", "1");
        assertTrue(o.exit() == 0, o.err());
        assertTrue(o.err().contains("warning: the prompt is") && o.err().contains("past the 1024 positions"), o.err());
    }
}
