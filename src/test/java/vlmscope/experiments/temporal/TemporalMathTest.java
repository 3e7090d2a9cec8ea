package vlmscope.experiments.temporal;

import org.junit.jupiter.api.Test;
import vlmscope.world.Background;
import vlmscope.world.BackgroundChoice;
import vlmscope.world.QaGenerator;
import vlmscope.world.QaItem;
import vlmscope.world.Video;
import vlmscope.world.VideoSegment;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Model-free checks: the temporal mirror is an involution that flips every answer; probe videos show each object
 * from its start frame; the 1-D axis against the closed-form two-point case and the sign rule; the steering vector's
 * antisymmetry; the (position × time) variance decomposition on a synthetic additive field.
 */
class TemporalMathTest {

    @Test
    void mirrorOfMirrorIsIdentityAndFlipsAnswers() {
        for (TemporalSample s : WorldVideos.draw(6, 7, 64, 5, BackgroundChoice.MIXED)) {
            Video v = s.video(), r = v.reversed();
            assertEquals(v, r.reversed(), "frames and segments come back");
            assertNotEquals(v.frames(), r.frames(), "reversal changes the frame order of a multi-segment video");
            for (int f = 0; f < v.frames().size(); f++) assertEquals(v.frames().get(f), r.frames().get(v.frames().size() - 1 - f));
            List<QaItem> forward = QaGenerator.forVideo(v), backward = QaGenerator.forVideo(r),
                    twice = QaGenerator.forVideo(r.reversed());
            assertEquals(forward, twice, "answers come back after two reversals");
            for (QaItem q : forward) {
                QaItem mirrored = backward.stream().filter(b -> b.question().equals(q.question())).findFirst().orElseThrow();
                assertEquals(q.answer().equals("before") ? "after" : "before", mirrored.answer(), q.question());
            }
        }
    }

    @Test
    void worldVideosAlternateTheTrueAnswer() {
        List<TemporalSample> s = WorldVideos.draw(4, 3, 64, 4, BackgroundChoice.BLACK);
        assertEquals(List.of("before", "after", "before", "after"), s.stream().map(x -> x.item().answer()).toList());
        assertEquals(s.get(1).video(), WorldVideos.draw(2, 3, 64, 4, BackgroundChoice.BLACK).get(1).video(),
                "sample i does not depend on n");
    }

    @Test
    void probeVideosStartEachObjectAtItsFrame() {
        SplittableRandom rng = new SplittableRandom(1);
        List<ProbeVideos.Appearance> shown = List.of(
                new ProbeVideos.Appearance("dog", ProbeVideos.colour(rng), ProbeVideos.anywhere(rng, 64), 3),
                new ProbeVideos.Appearance("cat", ProbeVideos.colour(rng), ProbeVideos.anywhere(rng, 64), 1));
        Video v = ProbeVideos.build(64, 5, Background.black(), shown, ProbeVideos.filler(rng, 64, java.util.Set.of("dog", "cat")));
        assertEquals(5, v.frames().size());
        List<VideoSegment> seg = v.segments();
        assertEquals(3, seg.size(), "filler, cat, dog");
        assertEquals(new VideoSegment(1, 2, "cat", seg.get(1).colour()), seg.get(1));
        assertEquals(new VideoSegment(3, 4, "dog", seg.get(2).colour()), seg.get(2));
        assertEquals(0, seg.get(0).firstFrame());
        for (int f = 0; f < 5; f++) assertEquals(1, v.frames().get(f).objects().size());
        assertEquals("dog", v.frames().get(4).objects().getFirst().kind());
        // the catalogue-probe video: o1 first seen at f1, o2 at f2
        var probe = TemporalIdExperiment.probes(0, 1, 4).get(5);
        Video pv = TemporalIdExperiment.video(probe, 64, 4, Background.black());
        int first1 = pv.segments().stream().filter(x -> x.kind().equals(probe.o1())).findFirst().orElseThrow().firstFrame();
        int first2 = pv.segments().stream().filter(x -> x.kind().equals(probe.o2())).findFirst().orElseThrow().firstFrame();
        assertEquals(probe.f1(), first1);
        assertEquals(probe.f2(), first2);
    }

    @Test
    void axisOfTwoPointsIsTheirDifference() {
        double[] a = {1, 2, 3}, b = {4, 6, 3};   // b - a = (3, 4, 0), length 5
        TemporalAxis axis = TemporalAxis.fit(new double[][]{a, b});
        assertEquals(1.0, axis.explained(), 1e-12);
        assertArrayEquals(new double[]{0.6, 0.8, 0}, axis.component(), 1e-9, "unit (b − a)/|b − a|, frame 0 low");
        assertArrayEquals(new double[]{-2.5, 2.5}, axis.scores(), 1e-9, "±|b − a|/2 around the mean");
        assertArrayEquals(new double[]{0, 1}, axis.normalisedScores(), 1e-12);
        assertEquals(0.5, axis.normalised(new double[]{2.5, 4, 3}), 1e-12, "the midpoint");
        assertEquals(2.0, axis.normalised(new double[]{7, 10, 3}), 1e-12, "a + 2(b − a) extrapolates");
        assertEquals(0.5, axis.normalised(new double[]{2.5 - 4, 4 + 3, 100}), 1e-12, "orthogonal moves do not count");
        TemporalAxis flipped = TemporalAxis.fit(new double[][]{b, a});
        assertArrayEquals(new double[]{-0.6, -0.8, 0}, flipped.component(), 1e-9, "sign rule: frame 0 scores lowest");
        assertArrayEquals(new double[]{0, 1}, flipped.normalisedScores(), 1e-12);
        assertEquals(1.0, axis.rankCorrelation(), 1e-12);
    }

    @Test
    void rankCorrelationSeesNonMonotoneFrames() {
        double[][] frames = {{0}, {2}, {1}, {3}};   // scores 0,2,1,3 up to shift → ranks 0,2,1,3
        TemporalAxis axis = TemporalAxis.fit(frames);
        assertEquals(1 - 6 * 2.0 / (4 * 15), axis.rankCorrelation(), 1e-12, "Spearman 1 − 6Σd²/(n(n²−1))");
    }

    @Test
    void steeringVectorIsAntisymmetricAndZeroAtTheMirrorCentre() {
        double[][] ids = {{1, 0}, {0, 5}, {2, 2}, {7, -1}, {3, 3}};   // [F=5, d=2]
        float[] v0 = TemporalSteerExperiment.vector(ids, 0, 5.0), v4 = TemporalSteerExperiment.vector(ids, 4, 5.0);
        assertArrayEquals(new float[]{-10, -15}, v0, 1e-6f);
        assertArrayEquals(new float[]{10, 15}, v4, 1e-6f);
        assertArrayEquals(new float[]{0, 0}, TemporalSteerExperiment.vector(ids, 2, 5.0), 0f);
        assertEquals(1, TemporalSteerExperiment.sourceLayer(2, true));
        assertEquals(2, TemporalSteerExperiment.sourceLayer(2, false));
    }

    @Test
    void additiveFieldHasNoInteraction() {
        int cells = 2, frames = 3;
        double[][] time = {{0, 0}, {1, 0}, {3, 0}};                 // [F, d]: frame means move along x
        double[][] place = {{0, 0}, {0, 1}, {0, 2}, {0, 5}};         // [C, d]: cells move along y
        double[][][] mean = new double[cells * cells][frames][];
        for (int c = 0; c < 4; c++) for (int f = 0; f < frames; f++) mean[c][f] = new double[]{time[f][0], place[c][1]};
        SpatiotemporalField field = new SpatiotemporalField(cells, mean);
        var s = field.shares();
        // time SS = C·Σ(t − 4/3)² = 4·(16/9 + 1/9 + 25/9) = 168/9; position SS = F·Σ(p − 2)² = 3·14 = 42
        double total = 168.0 / 9 + 42;
        assertEquals(168.0 / 9 / total, s.time(), 1e-12);
        assertEquals(42 / total, s.position(), 1e-12);
        assertEquals(0, s.interaction(), 1e-12);
        var axes = TemporalGridExperiment.Axes.of(field);
        double[][] t = field.projections(axes.time());
        for (int c = 0; c < 4; c++) assertArrayEquals(new double[]{0, 1 / 3.0, 1}, t[c], 1e-12, "time axis ignores the cell");
        double[][] y = field.projections(axes.y());   // rows: cells {0,1} vs {2,3}: y means 0.5 and 3.5
        assertEquals((0 - 0.5) / 3, y[0][0], 1e-12, "cell 0 sits below its row mean");
        assertEquals((5 - 0.5) / 3, y[3][2], 1e-12);
    }
}
