package vlmscope.world;

import java.util.ArrayList;
import java.util.List;

/**
 * The paper's grid data (docs/paper-mapping.md#ids) on an m×m grid: object A and object B in distinct cells, each a
 * square sprite centred in its cell (offset truncated to int, as the paper pastes), one image per
 * (size, A-cell, B-cell). Sizes are given as the paper's labels — object side in 224ths of a cell, default
 * 74/124/174/224 — and become {@code round(cell * label / 224)} pixels; the label is what file names carry.
 * Cell order follows the paper: x (column) outer, y (row) inner; B is painted after A.
 */
public final class GridGenerator {

    /** The paper's object sizes for a 224-px cell. */
    public static final List<Integer> PAPER_SIZES = List.of(74, 124, 174, 224);

    /** One grid image: its relative path in the paper's layout and its scene. */
    public record GridImage(String path, Scene scene) {
    }

    private final int canvas, cells, cellPixels;
    private final List<Integer> sizes;

    public GridGenerator(int canvas, int cells, List<Integer> sizes) {
        if (cells < 2) throw new IllegalArgumentException("cells must be at least 2, got " + cells);
        if (canvas % cells != 0)
            throw new IllegalArgumentException("canvas " + canvas + " is not a multiple of cells " + cells);
        for (int s : sizes)
            if (s < 1 || s > 224) throw new IllegalArgumentException("size labels are 1..224 (224ths of a cell), got " + s);
        this.canvas = canvas;
        this.cells = cells;
        this.cellPixels = canvas / cells;
        this.sizes = List.copyOf(sizes);
    }

    /** Object side in pixels for a size label. */
    public int objectPixels(int sizeLabel) {
        return Math.max(1, (int) Math.round(cellPixels * sizeLabel / 224.0));
    }

    /** Number of images per object pair: sizes × m² × (m² − 1). */
    public int imagesPerPair() {
        return sizes.size() * cells * cells * (cells * cells - 1);
    }

    /** Every image of the pair (A, B), in the paper's order. */
    public List<GridImage> pair(String kindA, NamedColour colourA, String kindB, NamedColour colourB,
                                Background background) {
        List<GridImage> images = new ArrayList<>(imagesPerPair());
        for (int j = 0; j < imagesPerPair(); j++) images.add(image(kindA, colourA, kindB, colourB, background, j));
        return images;
    }

    /**
     * Image {@code j} of the pair in the paper's order: size outermost, then A's cell, then B's cell
     * (cells enumerated column-major: x outer, y inner), B's cell never equal to A's.
     */
    public GridImage image(String kindA, NamedColour colourA, String kindB, NamedColour colourB,
                           Background background, int j) {
        int cellCount = cells * cells, perSize = cellCount * (cellCount - 1);
        if (j < 0 || j >= imagesPerPair()) throw new IndexOutOfBoundsException("grid image " + j);
        int size = sizes.get(j / perSize), rest = j % perSize;
        int aIndex = rest / (cellCount - 1), bIndex = rest % (cellCount - 1);
        if (bIndex >= aIndex) bIndex++;
        GridCell a = new GridCell(aIndex / cells, aIndex % cells), b = new GridCell(bIndex / cells, bIndex % cells);
        return new GridImage(GridNaming.paperPath(kindA, kindB, a, b, size),
                scene(kindA, colourA, a, kindB, colourB, b, size, background));
    }

    /** The scene with A in cell {@code a} and B in cell {@code b} at the given size label. */
    public Scene scene(String kindA, NamedColour colourA, GridCell a, String kindB, NamedColour colourB, GridCell b,
                       int sizeLabel, Background background) {
        int side = objectPixels(sizeLabel);
        return new Scene(canvas, canvas, background, cells, List.of(
                SceneObject.of(kindA, colourA, boxIn(a, side)).withCell(a),
                SceneObject.of(kindB, colourB, boxIn(b, side)).withCell(b)), false);
    }

    private Box boxIn(GridCell cell, int side) {
        int offset = (cellPixels - side) / 2;
        return new Box(cell.col() * cellPixels + offset, cell.row() * cellPixels + offset, side, side);
    }
}
