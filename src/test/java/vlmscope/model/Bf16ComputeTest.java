package vlmscope.model;

import org.junit.jupiter.api.Test;
import vlmscope.engine.Inputs;
import vlmscope.engine.Trace;
import vlmscope.engine.TraceSpec;
import vlmscope.engine.LoadedModel;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bf16 path tracks the fp32 path to bf16 precision on an HF fixture. */
class Bf16ComputeTest {

    @Test
    void bf16LogitsTrackFp32() {
        Path dir = Path.of("fixtures/llava-tiny-1234");
        float[] fp32;
        float[] bf16;
        for (Precision p : Precision.values()) {
            try (LoadedModel lm = LoadedModel.open(dir, p)) {
                var input = lm.prepare(lm.render("Is the red circle on the left?", false, true), 1);
                Inputs inputs = lm.inputs(input, List.of(dir.resolve("images/shapes_500x375.png")));
                try (Trace t = lm.hooked().trace(inputs, TraceSpec.residuals())) {
                    if (p == Precision.FP32) fp32Holder = t.lastLogits();
                    else bf16Holder = t.lastLogits();
                }
            }
        }
        fp32 = fp32Holder;
        bf16 = bf16Holder;
        double maxDiff = 0, maxAbs = 0;
        for (int i = 0; i < fp32.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(fp32[i] - bf16[i]));
            maxAbs = Math.max(maxAbs, Math.abs(fp32[i]));
        }
        assertTrue(maxDiff <= 0.05 * maxAbs, "bf16 logits differ from fp32 by " + maxDiff + " (max |logit| " + maxAbs + ")");
        assertTrue(maxDiff > 0, "bf16 must actually compute in bf16");
    }

    private static float[] fp32Holder;
    private static float[] bf16Holder;
}
