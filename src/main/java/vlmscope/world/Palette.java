package vlmscope.world;

import java.util.List;
import java.util.Optional;

/** The world's colour attributes: eight saturated colours that stay distinct at 16 px on black or texture. */
public final class Palette {

    /** In a fixed order; seeded generators index into it. */
    public static final List<NamedColour> COLOURS = List.of(
            new NamedColour("red", 0xE62828),
            new NamedColour("orange", 0xF58C14),
            new NamedColour("yellow", 0xF0DC1E),
            new NamedColour("green", 0x28B43C),
            new NamedColour("blue", 0x285AE6),
            new NamedColour("purple", 0x963CC8),
            new NamedColour("pink", 0xF578BE),
            new NamedColour("white", 0xF0F0F0));

    private Palette() {
    }

    public static Optional<NamedColour> byName(String name) {
        return COLOURS.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return COLOURS.stream().map(NamedColour::name).toList();
    }
}
