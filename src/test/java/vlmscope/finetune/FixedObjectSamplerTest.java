package vlmscope.finetune;

import org.junit.jupiter.api.Test;
import vlmscope.organism.HeldOutSplit;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedObjectSamplerTest {

    private final PairData data = new PairData(64, 4, HeldOutSplit.standard());

    /** The paper's batching (docs/paper-mapping.md#finetune): a 4×4 group has 24 items (12 left/right, 12 above/below), cut into chunks of 15 and 9. */
    @Test
    void groupsAreCutIntoFifteenAndNine() {
        PairGroup g = data.groups(false).getFirst();
        List<PairItem> items = data.items(g, new java.util.SplittableRandom(1));
        assertEquals(24, items.size());
        assertEquals(12, items.stream().filter(i -> i.answer().equals("left") || i.answer().equals("right")).count());
        for (PairItem i : items) {
            if (i.answer().equals("left")) assertTrue(i.x1() < i.x2());
            if (i.answer().equals("below")) assertTrue(i.y1() > i.y2());
        }
        List<PairGroup> three = data.groups(false).subList(0, 3);
        FixedObjectSampler sampler = new FixedObjectSampler(data, three, 15, 5);
        assertEquals(6, sampler.batchesPerEpoch());
        Set<String> seen = new HashSet<>();
        for (int s = 0; s < 6; s++) {
            List<PairItem> batch = sampler.batch(s);
            assertTrue(batch.size() == 15 || batch.size() == 9);
            assertEquals(1, batch.stream().map(i -> i.obj1() + i.x1() + i.y1() + i.obj2()).distinct().count());
            for (PairItem i : batch) seen.add(i.obj1() + i.x1() + i.y1() + i.obj2() + i.x2() + i.y2() + i.answer());
        }
        assertEquals(72, seen.size()); // one epoch visits every item of every group once
        assertEquals(keys(sampler.batch(4)), keys(new FixedObjectSampler(data, three, 15, 5).batch(4)));
        assertNotEquals(keys(sampler.batch(0)), keys(new FixedObjectSampler(data, three, 15, 6).batch(0)));
    }

    /** Training and held-out groups never share an object pair. */
    @Test
    void heldOutPairsAreDisjointFromTraining() {
        HeldOutSplit split = HeldOutSplit.standard();
        assertTrue(data.groups(true).stream().allMatch(g -> split.heldOutPair(g.obj1(), g.obj2())));
        assertTrue(data.groups(false).stream().noneMatch(g -> split.heldOutPair(g.obj1(), g.obj2())));
    }

    /** HF's linear schedule: 0 at step 0, peak after the int(0.03·N) warm-up steps, 0 at N. */
    @Test
    void linearWarmupSchedule() {
        LinearWarmupSchedule s = LinearWarmupSchedule.paper(1f, 100);
        assertEquals(3, s.warmup());
        assertEquals(0f, s.at(0));
        assertEquals(1f / 3, s.at(1), 1e-6);
        assertEquals(1f, s.at(3), 1e-6);
        assertEquals(49f / 97, s.at(51), 1e-6);
        assertEquals(0f, s.at(100));
    }

    private static List<String> keys(List<PairItem> batch) {
        return batch.stream().map(i -> i.obj1() + i.x1() + i.y1() + i.obj2() + i.x2() + i.y2() + i.answer()).toList();
    }
}
