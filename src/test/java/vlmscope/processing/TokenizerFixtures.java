package vlmscope.processing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The HF fixture folders: every folder with expected/index.json under ../shared/fixtures and $VLMSCOPE_FIXTURES. */
final class TokenizerFixtures {

    static final Path SHARED_FIXTURES = Path.of("../shared/fixtures");
    /** The llava-1.5 shaped fixture (576 image tokens) whose tokenizer is Llama-2's plus {@code <image>}, {@code <pad>}. */
    static final Path LLAVA_TINY_1234 = SHARED_FIXTURES.resolve("llava-tiny-1234");

    private TokenizerFixtures() {
    }

    static List<Path> folders() {
        List<Path> roots = new ArrayList<>(List.of(SHARED_FIXTURES));
        String extra = System.getenv("VLMSCOPE_FIXTURES");
        if (extra != null && !extra.isBlank()) {
            roots.add(Path.of(extra));
        }
        List<Path> folders = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isRegularFile(root.resolve("expected/index.json"))) {
                folders.add(root);
            } else if (Files.isDirectory(root)) {
                try (Stream<Path> children = Files.list(root)) {
                    children.filter(d -> Files.isRegularFile(d.resolve("expected/index.json"))).sorted()
                            .forEach(folders::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        assertFalse(folders.isEmpty(), "no fixture folders under " + roots);
        return folders;
    }
}
