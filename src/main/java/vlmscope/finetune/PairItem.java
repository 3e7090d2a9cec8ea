package vlmscope.finetune;

import vlmscope.organism.Example;

/**
 * One fine-tuning item (docs/paper-mapping.md#finetune): a two-object image, a left/right or above/below question about obj1
 * relative to obj2, and the cell (x2, y2) of obj2 whose universal ID the spatial-ID loss aims at.
 * x is the column (0 = left), y the row (0 = top).
 */
public record PairItem(String obj1, int x1, int y1, String obj2, int x2, int y2, Example example) {

    /** The question's answer word. */
    public String answer() {
        return example.answer();
    }
}
