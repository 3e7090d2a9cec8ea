package vlmscope.organism;

import vlmscope.world.Catalogue;
import vlmscope.world.Palette;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The organism's held-out split, fixed (independent of the training seed), as docs/paper-mapping.md#finetune: the unordered kind
 * pairs shuffled with {@code Random(42)}, of which {@code max(1, int(0.15·#pairs))} are held out; and the
 * kind–colour combinations shuffled with {@code Random(43)}, of which one in eight is held out. Training never sees
 * a scene with a held-out pair or combination; evaluation asks only questions that involve one.
 */
public final class HeldOutSplit {

    private final Set<String> pairs = new HashSet<>();
    private final Set<String> combos = new HashSet<>();

    private HeldOutSplit() {
    }

    /** The split over the world's catalogue and palette. */
    public static HeldOutSplit standard() {
        HeldOutSplit split = new HeldOutSplit();
        List<String> kinds = Catalogue.names();
        List<String> allPairs = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++)
            for (int j = i + 1; j < kinds.size(); j++) allPairs.add(pairKey(kinds.get(i), kinds.get(j)));
        Collections.shuffle(allPairs, new Random(42));
        int held = Math.min(allPairs.size() - 1, Math.max(1, (int) (0.15 * allPairs.size())));
        split.pairs.addAll(allPairs.subList(0, held));
        List<String> allCombos = new ArrayList<>();
        for (String kind : kinds) for (String colour : Palette.names()) allCombos.add(comboKey(kind, colour));
        Collections.shuffle(allCombos, new Random(43));
        split.combos.addAll(allCombos.subList(0, allCombos.size() / 8));
        return split;
    }

    /** Whether the unordered pair of kinds {a, b} is held out. */
    public boolean heldOutPair(String a, String b) {
        return pairs.contains(pairKey(a, b));
    }

    /** Whether a {@code colour} {@code kind} is held out. */
    public boolean heldOutCombo(String kind, String colour) {
        return combos.contains(comboKey(kind, colour));
    }

    public int pairCount() {
        return pairs.size();
    }

    public int comboCount() {
        return combos.size();
    }

    private static String pairKey(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    private static String comboKey(String kind, String colour) {
        return colour + " " + kind;
    }
}
