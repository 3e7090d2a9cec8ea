package vlmscope.world;

import org.junit.jupiter.api.Test;
import vlmscope.experiments.diagnosis.DepthSample;
import vlmscope.experiments.diagnosis.WorldDiagnosisData;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Counter-cue depth scenes: depth shown by size (and occlusion), height contradicting it. */
class CounterCueDepthTest {

    /**
     * In every scene the farther object (listed first, larger depth) is smaller and its centre lies below the nearer
     * one's by at least the above/below margin, while in the world's own depth scenes it lies higher.
     */
    @Test
    void fartherObjectIsSmallerAndLower() {
        for (int canvas : new int[] {32, 64, 224}) {
            SplittableRandom rng = new SplittableRandom(11);
            for (int i = 0; i < 200; i++) {
                List<SceneObject> o = DepthSceneGenerator.counterCue(canvas, BackgroundChoice.BLACK).generate(rng).objects();
                SceneObject far = o.get(0), near = o.get(1);
                assertTrue(far.depth() > near.depth() + SpatialRelations.MIN_DEPTH_GAP - 1e-9, "depths " + far.depth() + " " + near.depth());
                assertTrue(far.box().height() <= near.box().height(), "farther is not larger");
                double margin = 0.25 * (far.box().height() + near.box().height());
                assertTrue(far.centre().y() - near.centre().y() >= margin, "farther lies below by the margin at canvas " + canvas);
                assertEquals("below", SpatialRelations.aboveBelow(far, near).orElseThrow());
                assertEquals("behind", SpatialRelations.frontBehind(far, near).orElseThrow());
            }
            SplittableRandom standard = new SplittableRandom(11);
            for (int i = 0; i < 50; i++) {
                List<SceneObject> o = new DepthSceneGenerator(canvas, BackgroundChoice.BLACK).generate(standard).objects();
                assertTrue(o.get(0).centre().y() < o.get(1).centre().y(), "the world's own scenes draw the farther object higher");
            }
        }
    }

    /** Diagnosis samples: the farther subject (even i) is "below" and "behind", the nearer one (odd i) "above" and "front". */
    @Test
    void diagnosisSamplesDisagreeOnHeightAndDepth() {
        for (int i = 0; i < 6; i++) {
            DepthSample s = WorldDiagnosisData.depth(i, 7, 64, BackgroundChoice.MIXED, true);
            assertEquals("c" + i, s.id());
            assertEquals(i % 2 == 0 ? "below" : "above", s.height().answer());
            assertEquals(i % 2 == 0 ? "behind" : "front", s.depth().answer());
            DepthSample standard = WorldDiagnosisData.depth(i, 7, 64, BackgroundChoice.MIXED);
            assertEquals(i % 2 == 0 ? "above" : "below", standard.height().answer(), "standard: farther = higher");
        }
    }
}
