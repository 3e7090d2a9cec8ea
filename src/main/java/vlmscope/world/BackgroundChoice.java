package vlmscope.world;

import java.util.SplittableRandom;

/** Which backgrounds a generator draws: always black, always textured, or either with equal odds. */
public enum BackgroundChoice {
    BLACK, TEXTURED, MIXED;

    /** Draws one background; consumes exactly two values from {@code rng} whatever the choice. */
    public Background draw(SplittableRandom rng) {
        boolean coin = rng.nextBoolean();
        long seed = rng.nextLong();
        boolean textured = this == TEXTURED || (this == MIXED && coin);
        return textured ? Background.textured(seed) : Background.black();
    }
}
