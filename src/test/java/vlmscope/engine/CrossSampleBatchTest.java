package vlmscope.engine;

import org.junit.jupiter.api.Test;
import vlmscope.model.Precision;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * {@link HookedModel#runBatchAcrossSamples}: every sample's runs, batched with other samples' runs that share their
 * start position and prompt length, give exactly what {@link HookedModel#runBatch} gives one sample at a time —
 * logits and reads, on the fixture (fp32, with a sample of another length in the same call) and on the organism
 * (fp32 and bf16); with tiny batch caps too.
 */
class CrossSampleBatchTest {

    private static final String QUESTION = "Is the green square on the left or on the right?";
    private static final String LONGER_QUESTION = "Is the green square on the left side or on the right side of the picture?";

    @Test
    void fixtureSamplesBatchedTogetherEqualOneSampleAtATime() {
        try (LoadedModel lm = EngineFixture.open(Precision.FP32)) {
            List<Trace> traces = new ArrayList<>();
            try {
                for (String image : new String[]{"shapes_640x480.png", "shapes_333x517.png", "shapes_333x517_mirrored.png"}) {
                    traces.add(trace(lm, QUESTION, image));
                }
                traces.add(trace(lm, LONGER_QUESTION, "shapes_640x480.png"));
                assertEquals(traces.get(0).length(), traces.get(1).length(), "same question, same prompt length");
                assertNotEquals(traces.get(0).length(), traces.get(3).length(), "the longer question must not share a batch");
                double diff = compare(lm, traces, -1, 5);
                System.out.println("cross-sample batch (one batch; batches of 5) vs one sample at a time, fixture fp32: max abs diff " + diff);
                assertEquals(0.0, diff);
            } finally {
                traces.forEach(Trace::close);
            }
        }
    }

    @Test
    void organismSamplesBatchedTogetherEqualOneSampleAtATimeInFp32AndBf16() {
        for (Precision precision : Precision.values()) {
            try (LoadedModel lm = LoadedModel.open(Path.of("models/organism"), precision)) {
                List<Trace> traces = new ArrayList<>();
                try {
                    for (String image : new String[]{"shapes_640x480.png", "shapes_333x517_mirrored.png"}) {
                        traces.add(lm.trace(EngineFixture.DIR.resolve("images/" + image),
                                "Is the red circle left or right of the blue square?", TraceSpec.residuals()));
                    }
                    double diff = compare(lm, traces, -1);
                    System.out.println("cross-sample batch vs one sample at a time, organism " + precision + ": max abs diff " + diff);
                    assertEquals(0.0, diff, precision.toString());
                } finally {
                    traces.forEach(Trace::close);
                }
            }
        }
    }

    private static Trace trace(LoadedModel lm, String question, String image) {
        Inputs inputs = lm.inputs(lm.prepare(lm.render(question, false, true), 1), List.of(EngineFixture.DIR.resolve("images/" + image)));
        return lm.hooked().trace(inputs, TraceSpec.residuals());
    }

    /** Max abs difference of logits and reads between one cross-sample call per cap and {@code runBatch} per sample. */
    private static double compare(LoadedModel lm, List<Trace> traces, int... caps) {
        List<HookedModel.SampleRuns> samples = new ArrayList<>();
        List<List<RunResult>> alone = new ArrayList<>();
        for (Trace trace : traces) {
            int imageStart = lm.model().imagePositions(trace.inputs().ids())[0];
            HookedModel.SampleRuns sample = new HookedModel.SampleRuns(trace, BatchedSweepTest.sweep(lm, trace.length(), imageStart));
            samples.add(sample);
            alone.add(lm.hooked().runBatch(sample.clean(), sample.runs()));
        }
        double worst = 0;
        try {
            for (int cap : caps) {
                List<List<RunResult>> together = lm.hooked().runBatchAcrossSamples(samples, cap);
                for (int s = 0; s < samples.size(); s++) {
                    for (int i = 0; i < alone.get(s).size(); i++) {
                        try (RunResult b = together.get(s).get(i)) {
                            RunResult a = alone.get(s).get(i);
                            assertEquals(a.suffixStart(), b.suffixStart(), "sample " + s + " run " + i);
                            worst = Math.max(worst, BatchedSweepTest.diff(a, b, samples.get(s).runs().get(i).reads()));
                        }
                    }
                }
            }
        } finally {
            alone.forEach(results -> results.forEach(RunResult::close));
        }
        return worst;
    }
}
