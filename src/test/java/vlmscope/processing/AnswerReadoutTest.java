package vlmscope.processing;

import org.junit.jupiter.api.Test;
import vlmscope.VlmscopeException;
import vlmscope.verify.FixtureVerifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each answer read-out strategy on the organism's word-level vocabulary and the Llama-2 SentencePiece vocabulary of
 * the HF fixture, and a proof that the ids did not change: every strategy gives the same ids as the rule it replaced
 * (the five rules that used to live in AnswerTokens, temporal AnswerPieces, SwapPrompt.answerId, InspectCommand and
 * OrganismEvaluator, restated below as they were) for every answer word the experiments read, on every tokenizer.
 */
class AnswerReadoutTest {

    static final Path ORGANISM = Path.of("models/organism");
    static final List<String> WORDS = List.of("left", "right", "above", "below", "behind", "front", "before", "after",
            "near", "far", "yes", "no", "red", "Left", "Right", "Above", "Behind", "qzxv");

    /**
     * The organism and every discovered LLaVA fixture (the Llama-2 SentencePiece vocabulary among them): the
     * tokenizers the replaced rules ran on (Qwen's byte-level vocabularies came later).
     */
    static List<Path> tokenizerFolders() {
        List<Path> folders = new ArrayList<>(List.of(ORGANISM));
        for (Path f : FixtureVerifier.discover(FixtureVerifier.defaultRoots(), "llava")) {
            if (Files.isRegularFile(f.resolve("tokenizer.json"))) folders.add(f);
        }
        return folders;
    }

    static Optional<Path> llamaFixture() {
        return tokenizerFolders().stream().filter(p -> p.getFileName().toString().equals("llava-tiny-1234")).findFirst();
    }

    /** Byte-level BPE (Qwen2) marks a word start with Ġ: the word-start rules read Ġleft, and the paper's Qwen pieces the bare word. */
    @Test
    void byteLevelVocabulariesReadTheGWordStart() {
        try (Tokenizer tok = Tokenizer.fromPretrained(Path.of("fixtures/qwen2-vl-tiny"))) {
            int spaced = tok.tokenToId("Ġleft").orElseThrow();
            int bare = tok.tokenToId("left").orElseThrow();
            assertArrayEquals(new int[]{spaced}, new AnswerReadout.WordStartOrBare().resolve(tok, "left").ids());
            assertArrayEquals(new int[]{spaced, bare}, new AnswerReadout.SpacedAndBare().resolve(tok, "left").ids());
            assertArrayEquals(new int[]{bare}, AnswerReadout.adversarialPaperPieces("qwen2_vl").resolve(tok, "Left").ids());
            assertEquals(new AnswerReadout.LastPieceAfter(": ", true), AnswerReadout.adversarialPaperPieces("llava"));
        }
    }

    @Test
    void sameIdsAsTheRulesTheyReplace() {
        List<Path> folders = tokenizerFolders();
        assertTrue(folders.size() >= 2, "the organism and at least one HF fixture: " + folders);
        for (Path folder : folders) {
            try (Tokenizer tok = Tokenizer.fromPretrained(folder)) {
                for (String word : WORDS) {
                    same(tok, word, new AnswerReadout.EverySpelling(), Old::forWord);
                    same(tok, word, new AnswerReadout.LastPieceAfter(": ", true), (t, w) -> Old.paperPiece(t, w, ": ", true));
                    same(tok, word, new AnswerReadout.LastPieceAfter(" ", true), (t, w) -> Old.paperPiece(t, w, " ", true));
                    same(tok, word, new AnswerReadout.LastPieceAfter("", false), (t, w) -> Old.paperPiece(t, w, "", false));
                    same(tok, word, new AnswerReadout.FirstPiece(), Old::firstPiece);
                    same(tok, word, new AnswerReadout.WordStartOrBare(), Old::temporal);
                    same(tok, word, new AnswerReadout.ExactPiece(), Old::swap);
                    same(tok, word, new AnswerReadout.FirstEncodedId(), Old::organism);
                    same(tok, word, new AnswerReadout.SpacedAndBare(), Old::inspect);
                }
            }
        }
    }

    private static void same(Tokenizer tok, String word, AnswerReadout readout, BiFunction<Tokenizer, String, int[]> old) {
        int[] expected;
        try {
            expected = old.apply(tok, word);
        } catch (RuntimeException e) {
            assertThrows(VlmscopeException.class, () -> readout.resolve(tok, word), readout + " " + word);
            return;
        }
        assertArrayEquals(expected, readout.resolve(tok, word).ids(), readout + " on '" + word + "'");
    }

    @Test
    void organismWordLevelVocabulary() {
        try (Tokenizer tok = Tokenizer.fromPretrained(ORGANISM)) {
            int left = tok.tokenToId("left").orElseThrow();
            assertEquals(List.of("left"), new AnswerReadout.EverySpelling().resolve(tok, "Left").pieces());
            assertEquals(left, new AnswerReadout.ExactPiece().resolve(tok, "left").id());
            assertEquals("before", new AnswerReadout.WordStartOrBare().resolve(tok, "before").piece());
            assertEquals(left, new AnswerReadout.FirstEncodedId().resolve(tok, "left").id());
            assertEquals(List.of("left"), new AnswerReadout.SpacedAndBare().resolve(tok, "left").pieces());
            assertThrows(VlmscopeException.class, () -> new AnswerReadout.ExactPiece().resolve(tok, "zebra"));
            assertEquals(0, new AnswerReadout.SpacedAndBare().resolve(tok, "zebra").ids().length);
        }
    }

    @Test
    void llamaSentencePieceVocabulary() {
        Path fixture = llamaFixture().orElseThrow(() -> new AssertionError("fixture llava-tiny-1234 not found"));
        try (Tokenizer tok = Tokenizer.fromPretrained(fixture)) {
            AnswerTokens left = new AnswerReadout.EverySpelling().resolve(tok, "left");
            assertEquals(List.of("▁left", "left", "▁Left", "Left"), left.pieces());
            // adversarial steering's rule for LLaVA: the last piece of tokenize(": Left")
            assertEquals("▁Left", new AnswerReadout.LastPieceAfter(": ", true).resolve(tok, "left").piece());
            assertEquals("left", new AnswerReadout.LastPieceAfter("", false).resolve(tok, "left").piece());
            // depth and blur: the first piece of " Above", " Behind"
            assertEquals("▁A", new AnswerReadout.FirstPiece().resolve(tok, "above").piece());
            assertEquals("▁Be", new AnswerReadout.FirstPiece().resolve(tok, "behind").piece());
            assertEquals("▁before", new AnswerReadout.WordStartOrBare().resolve(tok, "before").piece());
            assertEquals(List.of("▁Left", "Left"), new AnswerReadout.SpacedAndBare().resolve(tok, "Left").pieces());
            assertEquals(tok.encode("Left", false).ids()[0], new AnswerReadout.FirstEncodedId().resolve(tok, "Left").id());
            float[] lp = new float[tok.vocabSize()];
            Arrays.fill(lp, -20f);
            lp[left.ids()[2]] = -0.5f;
            lp[left.ids()[0]] = -3f;
            assertEquals(-0.5, left.logProb(lp), 1e-6);
            assertThrows(VlmscopeException.class, () -> new AnswerReadout.LastPieceAfter("", false).resolve(tok, "qzxv"));
        }
    }

    /** The rules as they were before they moved into {@link AnswerReadout}. */
    static final class Old {
        static int[] forWord(Tokenizer tokenizer, String word) {
            String lower = word.toLowerCase(Locale.ROOT);
            Set<String> pieces = new LinkedHashSet<>();
            for (String w : List.of(lower, cap(lower))) {
                List<String> spaced = noLoneSpace(tokenizer.tokenize(" " + w));
                if (spaced.size() == 1) pieces.add(spaced.getFirst());
                pieces.add(w);
            }
            return build(tokenizer, new ArrayList<>(pieces));
        }

        static int[] paperPiece(Tokenizer tokenizer, String word, String prefix, boolean capitalise) {
            String lower = word.toLowerCase(Locale.ROOT);
            String w = capitalise ? cap(lower) : lower;
            return build(tokenizer, List.of(prefix.isEmpty() ? w : tokenizer.tokenize(prefix + w).getLast()));
        }

        static int[] firstPiece(Tokenizer tokenizer, String word) {
            List<String> pieces = noLoneSpace(tokenizer.tokenize(" " + cap(word.toLowerCase(Locale.ROOT))));
            if (pieces.isEmpty()) throw new IllegalStateException("nothing");
            return build(tokenizer, List.of(pieces.getFirst()));
        }

        static int[] temporal(Tokenizer tokenizer, String word) {
            String piece = tokenizer.tokenToId("▁" + word).isPresent() ? "▁" + word : word;
            return new int[]{tokenizer.tokenToId(piece).orElseThrow()};
        }

        static int[] swap(Tokenizer tokenizer, String word) {
            return new int[]{tokenizer.tokenToId(word).orElseThrow()};
        }

        static int[] organism(Tokenizer tokenizer, String word) {
            return new int[]{tokenizer.encode(word, false).ids()[0]};
        }

        static int[] inspect(Tokenizer tokenizer, String word) {
            List<Integer> ids = new ArrayList<>();
            for (String piece : new String[]{"▁" + word, word}) tokenizer.tokenToId(piece).ifPresent(ids::add);
            return ids.stream().mapToInt(Integer::intValue).toArray();
        }

        private static int[] build(Tokenizer tokenizer, List<String> candidates) {
            List<Integer> ids = new ArrayList<>();
            for (String p : candidates) tokenizer.tokenToId(p).ifPresent(id -> {
                if (!ids.contains(id)) ids.add(id);
            });
            if (ids.isEmpty()) throw new IllegalStateException("none");
            return ids.stream().mapToInt(Integer::intValue).toArray();
        }

        private static List<String> noLoneSpace(List<String> pieces) {
            return pieces.stream().filter(p -> !p.equals("▁") && !p.equals("Ġ")).toList();
        }

        private static String cap(String w) {
            return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
        }
    }
}
