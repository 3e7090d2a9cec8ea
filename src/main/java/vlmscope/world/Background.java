package vlmscope.world;

/**
 * A scene's background. {@code BLACK} is the paper's transparent canvas after {@code convert("RGB")};
 * {@code TEXTURED} is a dim, seeded noise texture. {@code mirrored} records a horizontal flip of the texture.
 */
public record Background(Kind kind, long seed, boolean mirrored) {

    /** The two background looks. */
    public enum Kind { BLACK, TEXTURED }

    public static Background black() {
        return new Background(Kind.BLACK, 0, false);
    }

    public static Background textured(long seed) {
        return new Background(Kind.TEXTURED, seed, false);
    }

    public Background mirroredCopy() {
        return new Background(kind, seed, !mirrored);
    }
}
