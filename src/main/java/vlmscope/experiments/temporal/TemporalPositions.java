package vlmscope.experiments.temporal;

import vlmscope.experiments.swap.PositionSet;
import vlmscope.experiments.swap.PositionSets;
import vlmscope.processing.ModelInput;
import vlmscope.processing.WordLocator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The temporal swap's position sets over a video prompt's expanded sequence (T positions, BOS at 0, F frame spans),
 * named as swap's {@link PositionSet}s:
 * <ul>
 *   <li>{@code ALL}: 0..T-1 (the sanity check: shift 1 by construction).</li>
 *   <li>{@code IMAGE}: every frame's image tokens — the video tokens. Under paper-compat: positions 0..T-U-1 with
 *       U = the unexpanded prompt length = T - F·(n-1) for n tokens per frame, the paper's {@code len_img_toks}
 *       rule (docs/paper-mapping.md#temporal): it also holds BOS and the P text tokens before the video, and so misses the last P+F
 *       video tokens, which fall into TEXT.</li>
 *   <li>{@code TEXT}: every position outside the frame spans except BOS. Under paper-compat: the last U positions.</li>
 *   <li>{@code OBJECTS}: the first occurrence of each object word's last piece (the two scenes the question names).</li>
 *   <li>{@code CONTROL}: as many text positions as {@code OBJECTS}, seeded, avoiding the objects and the last position.</li>
 * </ul>
 */
public final class TemporalPositions {

    private TemporalPositions() {
    }

    public static Map<PositionSet, int[]> of(ModelInput input, List<String> objectWords, WordLocator locator, int bosId,
                                             boolean paperCompat, SplittableRandom controlRng) {
        int t = input.length();
        boolean[] video = videoMask(input);   // [T]
        boolean bos = bosId >= 0 && input.ids()[0] == bosId;
        int first = bos ? 1 : 0;
        Map<PositionSet, int[]> sets = new EnumMap<>(PositionSet.class);
        sets.put(PositionSet.ALL, IntStream.range(0, t).toArray());
        if (paperCompat) {
            int unexpanded = unexpandedLength(input);
            sets.put(PositionSet.IMAGE, IntStream.range(0, t - unexpanded).toArray());
            sets.put(PositionSet.TEXT, IntStream.range(t - unexpanded, t).toArray());
        } else {
            sets.put(PositionSet.IMAGE, IntStream.range(0, t).filter(p -> video[p]).toArray());
            sets.put(PositionSet.TEXT, IntStream.range(first, t).filter(p -> !video[p]).toArray());
        }
        int[] objects = PositionSets.firstOccurrences(input, objectWords, locator);
        sets.put(PositionSet.OBJECTS, objects);
        sets.put(PositionSet.CONTROL, PositionSets.control(first, t, p -> !video[p], objects.length, controlRng, objects));
        return sets;
    }

    /** True at every frame's image-token positions [T]. */
    public static boolean[] videoMask(ModelInput input) {
        boolean[] mask = new boolean[input.length()];
        for (ModelInput.Span s : input.imageSpans()) for (int p = s.start(); p < s.end(); p++) mask[p] = true;
        return mask;
    }

    /** The prompt's length before image-token expansion: one position per frame marker. */
    public static int unexpandedLength(ModelInput input) {
        int video = 0;
        for (ModelInput.Span s : input.imageSpans()) video += s.length();
        return input.length() - video + input.imageSpans().size();
    }
}
