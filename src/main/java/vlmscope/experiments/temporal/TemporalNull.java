package vlmscope.experiments.temporal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.Json;
import vlmscope.analysis.PermutationNull;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The frame-label permutation null of Fig 10B, as Fig 5's cell-label null ({@link PermutationNull}): the frame labels
 * of one layer's object observations (every probe's two object words) are shuffled among them, the frame IDs
 * recomputed as {@link TemporalIds} does and the 1-D PCA refitted ({@link TemporalAxis}). Two statistics, each with
 * its own p-value from the same permutations (same seed): the PCA's explained variance (is there a dominant
 * direction beyond what any 5 noisy means have?) and the frame scores' rank correlation with time (are the frames
 * ordered along it?). The shuffle keeps each frame's number of observations, and every object appears at every
 * frame equally often in the probe design, so objects stay balanced across frames in expectation.
 */
record TemporalNull(PermutationNull explained, PermutationNull rank) {

    /** The null of one layer's observations; {@code seed} = the layer, as Fig 5. */
    static TemporalNull of(List<TemporalIds.Observation> obs, int frames, boolean overwrite, int permutations, long seed) {
        TemporalAxis observed = TemporalAxis.fit(TemporalIds.frameIds(obs, null, frames, overwrite));
        return new TemporalNull(
                test(obs, frames, overwrite, permutations, seed, observed.explained(), TemporalAxis::explained),
                test(obs, frames, overwrite, permutations, seed, observed.rankCorrelation(), TemporalAxis::rankCorrelation));
    }

    private static PermutationNull test(List<TemporalIds.Observation> obs, int frames, boolean overwrite, int permutations,
                                        long seed, double observed, ToDoubleFunction<TemporalAxis> statistic) {
        return PermutationNull.of(obs.size(), observed,
                order -> statistic.applyAsDouble(TemporalAxis.fit(TemporalIds.frameIds(obs, order, frames, overwrite))),
                permutations, seed);
    }

    /** The fields of a layer's summary entry. */
    void into(ObjectNode l) {
        l.put("null_permutations", explained.permutations()).put("null_seed", explained.seed());
        Json.putFinite(l, "null_p_explained", explained.pValue());
        Json.putFinite(l, "null_p95_explained", explained.null95());
        Json.putFinite(l, "null_p_rank", rank.pValue());
        Json.putFinite(l, "null_p95_rank", rank.null95());
    }
}
