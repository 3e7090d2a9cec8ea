package vlmscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import static vlmscope.cli.Cli.assertUserError;
import static vlmscope.cli.Cli.run;

/**
 * Bad Qwen2-VL input through the CLI: an unknown rope type, a processor whose grids do not divide by the tower's
 * merge size, pixel limits that leave no image token, a prompt without an image placeholder — one line each
 * naming the file or value and the fix, exit code 2.
 */
class QwenBadInputTest {

    private static final Path FIXTURE = Path.of("fixtures/qwen2-vl-tiny");
    private static final Path IMAGE = FIXTURE.resolve("images/large.png");

    private static Path copy(Path tmp, String file, String from, String to) throws IOException {
        Path dir = tmp.resolve("qwen");
        try (Stream<Path> files = Files.walk(FIXTURE)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = dir.resolve(FIXTURE.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path edited = dir.resolve(file);
        String text = Files.readString(edited);
        if (!text.contains(from)) throw new IllegalStateException(file + " has no " + from);
        Files.writeString(edited, text.replace(from, to));
        return dir;
    }

    private static Cli.Outcome inspect(Path dir) {
        return run("inspect", "--model", dir.toString(), "--image", IMAGE.toString(), "--prompt", "Is the dog left of the cat?");
    }

    @Test
    void anUnknownRopeTypeIsNamed(@TempDir Path tmp) throws IOException {
        Path dir = copy(tmp, "config.json", "\"type\": \"mrope\"", "\"type\": \"yarn\"");
        assertUserError(inspect(dir), "config.json", "rope_scaling type 'yarn' is not supported");
    }

    @Test
    void aProcessorWhoseGridsDoNotDivideByTheMergeSizeIsRefused(@TempDir Path tmp) throws IOException {
        Path dir = copy(tmp, "preprocessor_config.json", "\"merge_size\": 2", "\"merge_size\": 3");
        assertUserError(inspect(dir), "preprocessor_config.json", "merge_size 3", "spatial_merge_size 2",
                "a grid must divide by the merge size");
    }

    @Test
    void pixelLimitsThatLeaveNoTokenAreNamed(@TempDir Path tmp) throws IOException {
        Path dir = copy(tmp, "preprocessor_config.json", "\"max_pixels\": 50176", "\"max_pixels\": 784");
        Path config = dir.resolve("preprocessor_config.json");
        Files.writeString(config, Files.readString(config).replace("\"min_pixels\": 3136", "\"min_pixels\": 100"));
        assertUserError(inspect(dir), "preprocessor_config.json", "max_pixels 784", "no image token");
    }

    @Test
    void aPromptWithoutAnImagePlaceholderIsRefused(@TempDir Path tmp) throws IOException {
        Path dir = copy(tmp, "chat_template.json", "{% if content['type'] == 'image'", "{% if content['type'] == 'never'");
        assertUserError(inspect(dir), "0 <|image_pad|> placeholder(s) for 1 image(s)");
    }
}
