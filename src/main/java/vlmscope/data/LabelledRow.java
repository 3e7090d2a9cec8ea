package vlmscope.data;

/**
 * A row of a relation subset with its label (docs/paper-mapping.md#samples): {@code direction} is "left" or "right" (or
 * "above"/"below"), the relation of the true caption.
 */
public record LabelledRow(WhatsUpRow row, String direction) {
}
