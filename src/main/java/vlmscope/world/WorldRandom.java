package vlmscope.world;

import java.util.SplittableRandom;

/**
 * Seed derivation for the world. Every generated item gets its own {@link SplittableRandom} from
 * (dataset seed, stream name, item index), so item i is the same whatever n is and whatever ran before.
 * The mix is SplittableRandom's own 64-bit finaliser (Stafford variant 13); stream names hash with
 * {@link String#hashCode()}, which the Java language specification fixes.
 */
public final class WorldRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private WorldRandom() {
    }

    public static SplittableRandom forItem(long seed, String stream, long index) {
        long h = mix64(seed) ^ mix64(stream.hashCode() * GOLDEN_GAMMA);
        return new SplittableRandom(mix64(h + index * GOLDEN_GAMMA));
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
