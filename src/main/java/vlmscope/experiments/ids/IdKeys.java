package vlmscope.experiments.ids;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key scheme of {@code ids.safetensors} (docs/design.md#results); L is the block index of {@code blocks.{L}.resid_post}
 * (the paper's Convention-E layer is L + 1, docs/paper-mapping.md#layers), x/y the cell column/row (0 = left/top), s the size label.
 * <pre>
 *   L{L}/universal/x{x}_y{y}_s{s}          universal ID: mean over pairs of the pair IDs (docs/paper-mapping.md#ids)
 *   L{L}/pair/{a}_{b}/x{x}_y{y}_s{s}       pair ID of the target word b (docs/paper-mapping.md#ids)
 *   L{L}/axis/x, L{L}/axis/y               paper 1/36-form axes of the universal IDs at the axis size (docs/paper-mapping.md#ids)
 *   L{L}/axis_strict/x, L{L}/axis_strict/y strict-pair axes (mean one-step difference) of the universal IDs
 *   L{L}/pair/{a}_{b}/axis/x|y, L{L}/pair/{a}_{b}/axis_strict/x|y   the same axes from one pair's IDs
 * </pre>
 * Text-only anchors go to {@code anchors.safetensors} as {@code L{L}/anchor/{name}/{word}}.
 */
public final class IdKeys {

    private static final Pattern UNIVERSAL = Pattern.compile("L(\\d+)/universal/x(\\d+)_y(\\d+)_s(\\d+)");

    /** A parsed universal-ID key: block index and grid location. */
    public record Universal(int layer, GridLoc loc) {
    }

    private IdKeys() {
    }

    public static String universal(int layer, GridLoc loc) {
        return "L" + layer + "/universal/" + loc.key();
    }

    /** The layer and location of a {@link #universal} key; empty for any other key. */
    public static Optional<Universal> parseUniversal(String key) {
        Matcher m = UNIVERSAL.matcher(key);
        if (!m.matches()) return Optional.empty();
        return Optional.of(new Universal(Integer.parseInt(m.group(1)),
                new GridLoc(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)))));
    }

    public static String pair(int layer, String pair, GridLoc loc) {
        return "L" + layer + "/pair/" + pair + "/" + loc.key();
    }

    /** {@code L{L}/axis/{x|y}} or, strict, {@code L{L}/axis_strict/{x|y}}. */
    public static String axis(int layer, boolean strict, String direction) {
        return "L" + layer + "/" + (strict ? "axis_strict/" : "axis/") + direction;
    }

    /** The same axis computed from one pair's IDs. */
    public static String pairAxis(int layer, String pair, boolean strict, String direction) {
        return "L" + layer + "/pair/" + pair + "/" + (strict ? "axis_strict/" : "axis/") + direction;
    }

    public static String anchor(int layer, String name, String word) {
        return "L" + layer + "/anchor/" + name + "/" + word;
    }
}
