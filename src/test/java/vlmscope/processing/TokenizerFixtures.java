package vlmscope.processing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import vlmscope.verify.FixtureVerifier;

import java.nio.file.Path;
import java.util.List;

/** The HF fixture folders: every folder with expected/index.json under the default fixture roots. */
final class TokenizerFixtures {

    /** The llava-1.5 shaped fixture (576 image tokens) whose tokenizer is Llama-2's plus {@code <image>}, {@code <pad>}. */
    static final Path LLAVA_TINY_1234 = FixtureVerifier.REPOSITORY_FIXTURES.resolve("llava-tiny-1234");

    private TokenizerFixtures() {
    }

    /** The LLaVA fixtures (Llama SentencePiece vocabularies, LLaVA chat format and processor). */
    static List<Path> folders() {
        List<Path> roots = FixtureVerifier.defaultRoots();
        List<Path> folders = FixtureVerifier.discover(roots, "llava");
        assertFalse(folders.isEmpty(), "no fixture folders under " + roots);
        return folders;
    }
}
