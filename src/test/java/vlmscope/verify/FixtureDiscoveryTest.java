package vlmscope.verify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.VlmscopeException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which folders count as fixtures, in which order the roots are read, and how architectures are told apart. */
class FixtureDiscoveryTest {

    @Test
    void repositoryFixturesComeFirstAndExist() {
        List<Path> roots = FixtureVerifier.defaultRoots();
        assertEquals(FixtureVerifier.REPOSITORY_FIXTURES, roots.getFirst());
        List<Path> inRepository = FixtureVerifier.discover(List.of(FixtureVerifier.REPOSITORY_FIXTURES));
        assertTrue(inRepository.contains(Path.of("fixtures/llava-tiny-1234")), inRepository.toString());
        assertTrue(inRepository.contains(Path.of("fixtures/llava-tiny-5678")), inRepository.toString());
        assertTrue(inRepository.contains(Path.of("fixtures/qwen2-vl-tiny")), inRepository.toString());
        assertTrue(inRepository.contains(Path.of("fixtures/qwen2.5-vl-tiny")), inRepository.toString());
    }

    @Test
    void fixturesOfAnotherArchitectureAreSkippedNotVerifiedAsLlava(@TempDir Path root) throws IOException {
        Path legacy = fixture(root.resolve("a-legacy"), "{\"cases\": []}");
        Path llava = fixture(root.resolve("b-llava"), "{\"architecture\": \"llava\", \"cases\": []}");
        Path other = fixture(root.resolve("c-other"), "{\"architecture\": \"gemma3\", \"cases\": []}");
        Files.createDirectories(root.resolve("d-not-a-fixture"));

        assertEquals(List.of(legacy, llava), FixtureVerifier.discover(List.of(root)));
        assertEquals(List.of(other), FixtureVerifier.unsupported(List.of(root)));
        assertEquals("llava", FixtureVerifier.architecture(legacy));
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> new FixtureVerifier().verify(other, r -> { }));
        assertTrue(e.getMessage().contains("architecture 'gemma3'") && e.getMessage().contains("Fix: "), e.getMessage());
    }

    private static Path fixture(Path dir, String index) throws IOException {
        Files.createDirectories(dir.resolve("expected"));
        Files.writeString(dir.resolve("config.json"), "{}");
        Files.writeString(dir.resolve("expected/index.json"), index);
        return dir;
    }
}
