package vlmscope.data;

/**
 * A row of a relation subset with its label (paper-spec §1.9): {@code direction} is "left" or "right" (or
 * "above"/"below"), the relation of the true caption.
 */
public record LabelledRow(WhatsUpRow row, String direction) {
}
