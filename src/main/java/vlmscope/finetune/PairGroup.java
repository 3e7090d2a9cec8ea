package vlmscope.finetune;

/**
 * A fixed-obj1 group (docs/paper-mapping.md#finetune): obj1 in cell (x1, y1) and every placement of obj2 in another cell.
 */
public record PairGroup(String obj1, int x1, int y1, String obj2) {
}
