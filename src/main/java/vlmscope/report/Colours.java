package vlmscope.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Named colours: matplotlib's tab10 cycle and the CSS names the paper's figures use. */
public final class Colours {

    /** matplotlib's default colour cycle ("tab10"), in order. */
    public static final Colour[] TAB10 = {
            Colour.hex("#1f77b4"), Colour.hex("#ff7f0e"), Colour.hex("#2ca02c"), Colour.hex("#d62728"),
            Colour.hex("#9467bd"), Colour.hex("#8c564b"), Colour.hex("#e377c2"), Colour.hex("#7f7f7f"),
            Colour.hex("#bcbd22"), Colour.hex("#17becf")};

    public static final Colour BLACK = Colour.hex("#000000");
    public static final Colour WHITE = Colour.hex("#ffffff");
    public static final Colour GRAY = Colour.hex("#808080");

    private static final Map<String, Colour> NAMED = Map.ofEntries(
            Map.entry("skyblue", Colour.hex("#87ceeb")),
            Map.entry("cornflowerblue", Colour.hex("#6495ed")),
            Map.entry("peachpuff", Colour.hex("#ffdab9")),
            Map.entry("sandybrown", Colour.hex("#f4a460")),
            Map.entry("gray", GRAY),
            Map.entry("grey", GRAY),
            Map.entry("lightgray", Colour.hex("#d3d3d3")),
            Map.entry("black", BLACK),
            Map.entry("white", WHITE),
            Map.entry("red", Colour.hex("#ff0000")),
            Map.entry("blue", Colour.hex("#0000ff")),
            Map.entry("green", Colour.hex("#008000")),
            Map.entry("orange", Colour.hex("#ffa500")),
            Map.entry("purple", Colour.hex("#800080")));

    private static final List<String> TAB_NAMES = List.of("blue", "orange", "green", "red", "purple", "brown", "pink",
            "gray", "olive", "cyan");

    private Colours() {
    }

    /** The i-th colour of the tab10 cycle, wrapping around. */
    public static Colour cycle(int i) {
        return TAB10[Math.floorMod(i, TAB10.length)];
    }

    /** A CSS name ("skyblue"), a matplotlib tab name ("tab:orange") or "#rrggbb". */
    public static Colour named(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (key.startsWith("#")) return Colour.hex(key);
        if (key.startsWith("tab:")) {
            int i = TAB_NAMES.indexOf(key.substring(4));
            if (i >= 0) return TAB10[i];
        }
        Colour c = NAMED.get(key);
        if (c == null) throw new IllegalArgumentException("unknown colour name '" + name + "' (known: "
                + NAMED.keySet().stream().sorted().toList() + ", tab:blue…tab:cyan, #rrggbb)");
        return c;
    }
}
