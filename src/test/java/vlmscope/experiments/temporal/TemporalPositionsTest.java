package vlmscope.experiments.temporal;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vlmscope.experiments.swap.PositionSet;
import vlmscope.processing.LlavaProcessor;
import vlmscope.processing.ModelInput;
import vlmscope.processing.Occurrence;
import vlmscope.processing.Tokenizer;
import vlmscope.processing.WordLocator;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The temporal position sets and steering positions on a 3-frame prompt tokenised by the fixture's Llama tokenizer
 * (256 tokens per frame): the fixed sets partition the sequence around BOS; the paper-compat sets follow its
 * len_img_toks rule; the steering positions, fixed and paper-compat.
 */
class TemporalPositionsTest {

    static Tokenizer tokenizer;
    static ModelInput input;

    @BeforeAll
    static void prepare() {
        Path fixture = Path.of("fixtures/llava-tiny-5678");
        tokenizer = Tokenizer.fromPretrained(fixture);
        input = LlavaProcessor.fromPretrained(fixture, tokenizer).prepare("USER: " + "<image>\n".repeat(3)
                + "In this video, two objects appear at different times. Does the dog come before or after the cat?"
                + " Answer in one word. ASSISTANT:", 3);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void fixedSetsPartitionTheSequence() {
        Map<PositionSet, int[]> sets = TemporalPositions.of(input, List.of("dog", "cat"), new WordLocator(tokenizer),
                tokenizer.bosId(), false, new SplittableRandom(0));
        int t = input.length();
        assertEquals(3, input.imageSpans().size());
        assertEquals(3 * 256, sets.get(PositionSet.IMAGE).length);
        TreeSet<Integer> union = new TreeSet<>();
        for (int p : sets.get(PositionSet.IMAGE)) union.add(p);
        for (int p : sets.get(PositionSet.TEXT)) assertTrue(union.add(p), "image and text are disjoint");
        union.add(0);   // BOS
        assertEquals(t, union.size());
        int[] objects = sets.get(PositionSet.OBJECTS);
        assertEquals("▁dog", input.tokens()[objects[0]]);
        assertEquals("▁cat", input.tokens()[objects[1]]);
        assertEquals(2, sets.get(PositionSet.CONTROL).length);
        for (int p : sets.get(PositionSet.CONTROL)) assertTrue(p != objects[0] && p != objects[1] && p != t - 1 && p > 0);
    }

    @Test
    void paperCompatSetsFollowTheUnexpandedLength() {
        Map<PositionSet, int[]> sets = TemporalPositions.of(input, List.of("dog", "cat"), new WordLocator(tokenizer),
                tokenizer.bosId(), true, new SplittableRandom(0));
        int t = input.length(), u = t - 3 * 255;   // one position per marker before expansion
        assertEquals(u, TemporalPositions.unexpandedLength(input));
        assertArrayEquals(IntStream.range(0, t - u).toArray(), sets.get(PositionSet.IMAGE));
        assertArrayEquals(IntStream.range(t - u, t).toArray(), sets.get(PositionSet.TEXT));
        assertTrue(t - u < input.imageSpans().getLast().end(), "the paper's text set starts inside the video");
    }

    @Test
    void steeringPositions() {
        WordLocator locator = new WordLocator(tokenizer);
        int dog = locator.positions(input, "dog", Occurrence.FIRST)[0];
        assertArrayEquals(new int[]{dog}, SubjectPositions.of(input, "dog", "cat", tokenizer, locator, false));
        assertArrayEquals(new int[]{dog, dog + 1}, SubjectPositions.of(input, "dog", "potted plant", tokenizer, locator, true),
                "paper: the subject's last token and n2 − 1 = 1 following token");
    }
}
