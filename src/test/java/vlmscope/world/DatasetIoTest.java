package vlmscope.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vlmscope.VlmscopeException;
import vlmscope.cli.WorldCommand;

/** PNG + JSONL written and read back equal; overwrite protection; the CLI. */
class DatasetIoTest {

    @TempDir
    Path tmp;

    @Test
    void writtenSamplesReadBackEqualWithTheirPixels() {
        for (SceneKind kind : List.of(SceneKind.FREE, SceneKind.VIDEO, SceneKind.DEPTH)) {
            RenderSpec spec = new RenderSpec(kind, 3, 5, 32, 4, List.of(), List.of(), BackgroundChoice.MIXED, 4, 5);
            Path dir = tmp.resolve(kind.cliName());
            List<Integer> progress = new ArrayList<>();
            assertEquals(3, WorldDatasets.write(spec, dir, false, progress::add));
            assertEquals(List.of(1, 2, 3), progress);
            var dataset = DatasetReader.read(dir);
            assertEquals(spec.header(), dataset.header());
            assertEquals(3, dataset.samples().size());
            for (int i = 0; i < 3; i++) {
                var expected = WorldDatasets.render(spec, i);
                WorldSample sample = dataset.samples().get(i);
                assertEquals(expected.sample(), sample, "JSONL round trip");
                for (int f = 0; f < sample.images().size(); f++)
                    assertArrayEquals(SceneRendererTest.pixels(expected.images().get(f)),
                            SceneRendererTest.pixels(dataset.image(sample.images().get(f))), "PNG round trip");
            }
            assertEquals(List.of(), leftovers(dir), "no temp files left");
        }
    }

    @Test
    void refusesADifferentDatasetUnlessForced() throws Exception {
        RenderSpec one = new RenderSpec(SceneKind.FREE, 2, 1, 32, 4, List.of(), List.of(), BackgroundChoice.BLACK, 4, 8);
        RenderSpec two = new RenderSpec(SceneKind.FREE, 2, 2, 32, 4, List.of(), List.of(), BackgroundChoice.BLACK, 4, 8);
        Path dir = tmp.resolve("d");
        WorldDatasets.write(one, dir, false, n -> { });
        WorldDatasets.write(one, dir, false, n -> { });   // same dataset again: allowed
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> WorldDatasets.write(two, dir, false, n -> { }));
        assertTrue(e.getMessage().contains("Fix:"), e.getMessage());
        assertEquals(one.header(), DatasetReader.read(dir).header(), "the refused run left the dataset alone");
        WorldDatasets.write(two, dir, true, n -> { });
        assertEquals(two.header(), DatasetReader.read(dir).header());

        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "mine");
        assertThrows(VlmscopeException.class, () -> WorldDatasets.write(one, other, false, n -> { }));
    }

    @Test
    void cliRendersAGridInThePaperLayout() throws Exception {
        Path out = tmp.resolve("grid");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream(), stderr = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new WorldCommand());
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));
        int code = cli.execute("render", "--kind", "grid", "--out", out.toString(), "--cells", "2", "--canvas", "32",
                "--pairs", "dog,cat", "--sizes", "224,124", "--seed", "0");
        assertEquals(0, code, stderr.toString());
        assertTrue(Files.isRegularFile(out.resolve("dog_cat/0_0/1_1_224.png")));
        assertTrue(Files.isRegularFile(out.resolve("dog_cat/1_0/0_1_124.png")));
        var dataset = DatasetReader.read(out);
        assertEquals(2 * 4 * 3, dataset.samples().size());
        assertEquals(SceneKind.GRID, dataset.header().kind());
        assertTrue(stderr.toString().contains("24/24"), "progress shown: " + stderr);
        assertTrue(stdout.toString().contains("wrote 24 grid samples"), stdout.toString());

        Path video = tmp.resolve("video");
        assertEquals(0, cli.execute("render", "--kind", "video", "--n", "2", "--out", video.toString(),
                "--canvas", "32", "--seed", "1"));
        assertEquals(2, DatasetReader.read(video).samples().size());
        List<String> errors = new ArrayList<>();
        CommandLine strict = new CommandLine(new WorldCommand());
        strict.setExecutionExceptionHandler((ex, c, p) -> {
            errors.add(ex.getMessage());
            return 2;
        });
        assertEquals(2, strict.execute("render", "--kind", "grid", "--out", tmp.resolve("bad").toString(),
                "--pairs", "dog,cow"));
        assertTrue(errors.getFirst().contains("unknown object kind 'cow'") && errors.getFirst().contains("Fix:"),
                errors.toString());
        assertTrue(Files.notExists(tmp.resolve("bad")), "nothing written for bad input");
    }

    private static List<Path> leftovers(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
