package vlmscope.world;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File names of grid images. The paper's generator (docs/paper-mapping.md#ids) writes
 * {@code {a}_{b}/{ax}_{ay}/{bx}_{by}_{size}.png}: x = column, y = row (0 = top), size = object side in
 * 224ths of a cell (74, 124, 174, 224). The paper's fine-tuning data (docs/paper-mapping.md#finetune) is named
 * {@code {obj1}_{x1}-{y1}_{obj2}_{x2}-{y2}.png}.
 */
public final class GridNaming {

    private static final Pattern PAPER = Pattern.compile(
            "(?:.*/)?([^/_]+)_([^/_]+)/(\\d+)_(\\d+)/(\\d+)_(\\d+)_(\\d+)\\.png");

    /** A parsed paper-layout grid path. */
    public record GridName(String kindA, String kindB, GridCell cellA, GridCell cellB, int size) {
    }

    private GridNaming() {
    }

    /** The paper's relative path, with '/' separators. */
    public static String paperPath(String kindA, String kindB, GridCell a, GridCell b, int size) {
        return kindA + "_" + kindB + "/" + a.col() + "_" + a.row() + "/" + b.col() + "_" + b.row() + "_" + size + ".png";
    }

    /** Parses a path in the paper's layout (a leading folder is allowed); kind names contain no '_'. */
    public static GridName parsePaperPath(String path) {
        Matcher m = PAPER.matcher(path.replace('\\', '/'));
        if (!m.matches()) throw new IllegalArgumentException("not a grid path {a}_{b}/{ax}_{ay}/{bx}_{by}_{size}.png: " + path);
        return new GridName(m.group(1), m.group(2),
                new GridCell(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))),
                new GridCell(Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6))), Integer.parseInt(m.group(7)));
    }

    /** The paper's fine-tuning file name (docs/paper-mapping.md#finetune). */
    public static String finetuneName(String kindA, GridCell a, String kindB, GridCell b) {
        return kindA + "_" + a.col() + "-" + a.row() + "_" + kindB + "_" + b.col() + "-" + b.row() + ".png";
    }
}
