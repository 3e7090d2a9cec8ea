package vlmscope.experiments.swap;

import vlmscope.processing.ModelInput;
import vlmscope.processing.Occurrence;
import vlmscope.processing.WordLocator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The swap position sets of one prompt, over the expanded sequence (T positions, BOS at 0, one image span
 * [s, e)):
 * <ul>
 *   <li>{@code ALL}: 0..T-1.</li>
 *   <li>{@code IMAGE}: s..e-1, every image token (the paper's S_image).</li>
 *   <li>{@code TEXT}: every position outside the image span except BOS at 0 — the text after the image and, in a
 *       chat template, the text before it. Under {@code --paper-compat}: e-2..T-1, the paper's S_text, which starts
 *       two positions early and so includes the last two image tokens (docs/paper-mapping.md#swap, #paper-compat).</li>
 *   <li>{@code OBJECTS}: the first occurrence of each object word's last piece (docs/paper-mapping.md#positions).</li>
 *   <li>{@code ADJECTIVES}: the first occurrence of each colour adjective the question names (empty when none).</li>
 *   <li>{@code CONTROL}: as many positions as {@code OBJECTS}, drawn without replacement by a seeded generator from
 *       the non-BOS text positions outside the image that are neither object nor adjective positions nor the last
 *       position (where the answer is read).</li>
 * </ul>
 * Each set is sorted ascending and has no duplicates.
 */
public final class PositionSets {

    private PositionSets() {
    }

    /** Every set for {@code input}; sets that are empty for this prompt (ADJECTIVES without adjectives) are left out. */
    public static Map<PositionSet, int[]> of(ModelInput input, SwapSample sample, WordLocator locator, int bosId,
                                             boolean paperCompat, SplittableRandom controlRng) {
        int t = input.length(), s = input.imageStart(), e = input.imageEnd();
        boolean bos = bosId >= 0 && input.ids()[0] == bosId;
        Map<PositionSet, int[]> sets = new EnumMap<>(PositionSet.class);
        sets.put(PositionSet.ALL, IntStream.range(0, t).toArray());
        sets.put(PositionSet.IMAGE, IntStream.range(s, e).toArray());
        sets.put(PositionSet.TEXT, paperCompat
                ? IntStream.range(Math.max(0, e - 2), t).toArray()
                : IntStream.range(bos ? 1 : 0, t).filter(p -> p < s || p >= e).toArray());
        int[] objects = firstOccurrences(input, sample.objectWords(), locator);
        int[] adjectives = firstOccurrences(input, sample.adjectiveWords(), locator);
        sets.put(PositionSet.OBJECTS, objects);
        if (adjectives.length > 0) sets.put(PositionSet.ADJECTIVES, adjectives);
        sets.put(PositionSet.CONTROL, control(bos ? 1 : 0, t, p -> p < s || p >= e, objects.length, controlRng, objects, adjectives));
        return sets;
    }

    /**
     * The control set: {@code count} positions (fewer when the pool is smaller) drawn without replacement by a
     * partial Fisher–Yates shuffle from the pool of positions p in [first, t) that {@code admitted} accepts, minus
     * the last position and every position in {@code excluded}; ascending.
     */
    public static int[] control(int first, int t, IntPredicate admitted, int count, SplittableRandom rng, int[]... excluded) {
        TreeSet<Integer> skip = new TreeSet<>();
        for (int[] set : excluded) for (int p : set) skip.add(p);
        skip.add(t - 1);
        List<Integer> pool = new ArrayList<>();
        for (int p = first; p < t; p++) if (admitted.test(p) && !skip.contains(p)) pool.add(p);
        int k = Math.min(count, pool.size());
        TreeSet<Integer> control = new TreeSet<>();
        for (int i = 0; i < k; i++) {
            int j = rng.nextInt(i, pool.size());   // partial Fisher–Yates
            Integer tmp = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, tmp);
            control.add(pool.get(i));
        }
        return control.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Each word's first position (its last piece, exact match), ascending, duplicates merged. */
    public static int[] firstOccurrences(ModelInput input, List<String> words, WordLocator locator) {
        TreeSet<Integer> out = new TreeSet<>();
        for (String w : words) out.add(locator.positions(input, w, Occurrence.FIRST)[0]);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Each word's first position, in word order (for the records). */
    public static Map<String, Integer> wordPositions(ModelInput input, List<String> words, WordLocator locator) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String w : words) out.put(w, locator.positions(input, w, Occurrence.FIRST)[0]);
        return out;
    }

    /** A sorted position array as [start, end) runs, e.g. {1,2,3,7} → [[1,4],[7,8]]. */
    public static List<int[]> runs(int[] sorted) {
        List<int[]> runs = new ArrayList<>();
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[j] + 1) j++;
            runs.add(new int[]{sorted[i], sorted[j] + 1});
            i = j + 1;
        }
        return runs;
    }
}
