package vlmscope.finetune;

import vlmscope.world.WorldRandom;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The paper's {@code FixedObj1BatchSampler} (docs/paper-mapping.md#finetune), seeded: each epoch shuffles the group order and the
 * items within each group, cuts each group into consecutive chunks of at most {@code batch} items and drops chunks
 * of size 1. Every batch therefore shares obj1, its cell and obj2, so the spatial-ID loss can centre obj2's
 * representations over the batch. Batch s is a pure function of (seed, s), which makes a resumed run see the same
 * data as an uninterrupted one (the paper's sampler used the unseeded global {@code random}).
 */
public final class FixedObjectSampler {

    private final PairData data;
    private final List<PairGroup> groups;
    private final int batch;
    private final long seed;
    private final List<int[]> chunks = new ArrayList<>();

    public FixedObjectSampler(PairData data, List<PairGroup> groups, int batch, long seed) {
        if (groups.isEmpty()) throw new IllegalArgumentException("no groups to sample");
        this.data = data;
        this.groups = List.copyOf(groups);
        this.batch = batch;
        this.seed = seed;
        int n = data.itemsPerGroup();
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            if (to - from > 1) chunks.add(new int[]{from, to});
        }
        if (chunks.isEmpty()) throw new IllegalArgumentException("groups of " + n + " items give no batch of 2 or more");
    }

    /** Batches per epoch: chunks per group × groups. */
    public long batchesPerEpoch() {
        return (long) chunks.size() * groups.size();
    }

    /** The items of batch {@code step} (0-based, running across epochs). */
    public List<PairItem> batch(long step) {
        long epoch = step / batchesPerEpoch();
        long within = step % batchesPerEpoch();
        int[] order = shuffled(groups.size(), WorldRandom.forItem(seed, "finetune-order", epoch));
        int position = (int) (within / chunks.size());
        int[] chunk = chunks.get((int) (within % chunks.size()));
        int group = order[position];
        SplittableRandom rng = WorldRandom.forItem(seed, "finetune-group", epoch * groups.size() + group);
        List<PairItem> items = data.items(groups.get(group), rng);
        int[] itemOrder = shuffled(items.size(), rng);
        List<PairItem> out = new ArrayList<>();
        for (int i = chunk[0]; i < chunk[1]; i++) out.add(items.get(itemOrder[i]));
        return out;
    }

    /** A Fisher–Yates permutation of 0 … n − 1. */
    static int[] shuffled(int n, SplittableRandom rng) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
