package vlmscope.experiments.ids;

import java.util.Map;

/**
 * One pair's spatial IDs of its target word b: for each layer, loc → ID [d] (docs/paper-mapping.md#ids: per reference cell,
 * the target's rows minus their mean over all placements and sizes; then the mean over the reference cells in which
 * the loc occurs).
 */
public record PairIds(String a, String b, Map<Integer, Map<GridLoc, float[]>> byLayer) {

    /** "{a}_{b}", the pair's name in keys and folders. */
    public String name() {
        return a + "_" + b;
    }
}
