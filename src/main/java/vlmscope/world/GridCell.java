package vlmscope.world;

/** A grid cell: {@code col} 0 … m−1 left to right, {@code row} 0 … m−1 top to bottom (docs/paper-mapping.md#ids: x, y). */
public record GridCell(int col, int row) {

    /** The cell that this one becomes in a horizontally mirrored m×m grid. */
    public GridCell mirrored(int cells) {
        return new GridCell(cells - 1 - col, row);
    }
}
