package vlmscope.experiments.temporal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Fig 10B frame-label null on hand-made observations. */
class TemporalNullTest {

    /** Objects a, b, c, d each seen once at every frame; row = 10·frame on axis 0 plus small seeded noise in 8 dims. */
    private static List<TemporalIds.Observation> observations(int frames, double signal) {
        SplittableRandom rng = new SplittableRandom(3);
        List<TemporalIds.Observation> out = new ArrayList<>();
        for (String kind : List.of("a", "b", "c", "d"))
            for (int f = 0; f < frames; f++) {
                double[] row = new double[8];
                for (int i = 0; i < row.length; i++) row[i] = 0.1 * rng.nextGaussian();
                row[0] += signal * f;
                out.add(new TemporalIds.Observation(kind, f, row));
            }
        return out;
    }

    /**
     * Two frames: the sign rule orders any two scores, so every permutation reaches the observed rank correlation 1:
     * p = (1 + 200)/(1 + 200) = 1. The PCA of two points explains all their variance, shuffled or not (up to rounding).
     */
    @Test
    void twoFramesCanNeverBeatTheNull() {
        TemporalNull n = TemporalNull.of(observations(2, 10), 2, false, 200, 4);
        assertEquals(1.0, n.rank().observed(), 0);
        assertEquals(1.0, n.rank().pValue(), 0);
        assertEquals(1.0, n.explained().observed(), 1e-12);
        assertEquals(1.0, n.explained().nullMean(), 1e-12);
    }

    /**
     * A frame signal 100× the noise: the observed PCA explains ≈ all variance with the frames in order. Shuffled labels
     * mix the frames, so the frame means come closer together and their noise weighs more: few permutations reach the
     * observed share. The order of 5 frames is matched by chance (monotone either way, 2 of 120 orders) about 2/120 of
     * the time, so its p lies near that, far from 1.
     */
    @Test
    void strongOrderedSignalBeatsTheNull() {
        TemporalNull n = TemporalNull.of(observations(5, 10), 5, false, 200, 4);
        assertTrue(n.explained().observed() > 0.999, "observed " + n.explained().observed());
        assertEquals(1.0, n.rank().observed(), 1e-12);
        assertTrue(n.explained().pValue() < 0.05, "explained p " + n.explained().pValue());
        assertTrue(n.rank().pValue() < 0.06, "rank p " + n.rank().pValue());
        assertTrue(n.rank().null95() < 1, "null 95th percentile of the rank correlation " + n.rank().null95());
    }

    /** Without a frame signal the observed statistics are ordinary draws of the null: p well above 0.05. */
    @Test
    void noSignalDoesNotBeatTheNull() {
        TemporalNull n = TemporalNull.of(observations(5, 0), 5, false, 200, 4);
        assertTrue(n.explained().pValue() > 0.05, "explained p " + n.explained().pValue());
    }

    /** Observation order with the identity permutation gives exactly the frame IDs of the records. */
    @Test
    void identityOrderIsTheObservedFrameIds() {
        List<TemporalIds.Observation> obs = observations(3, 1);
        int[] identity = new int[obs.size()];
        for (int i = 0; i < identity.length; i++) identity[i] = i;
        double[][] a = TemporalIds.frameIds(obs, null, 3, false), b = TemporalIds.frameIds(obs, identity, 3, false);
        for (int f = 0; f < 3; f++) org.junit.jupiter.api.Assertions.assertArrayEquals(a[f], b[f], 0);
        // frame 1's ID is the mean over the four objects of their rows at frame 1
        double mean0 = 0;
        for (TemporalIds.Observation o : obs) if (o.frame() == 1) mean0 += o.row()[0] / 4;
        assertEquals(mean0, a[1][0], 1e-12);
    }
}
