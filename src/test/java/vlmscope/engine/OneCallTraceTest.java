package vlmscope.engine;

import org.junit.jupiter.api.Test;
import vlmscope.hooks.Sites;
import vlmscope.model.Precision;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** {@code lm.trace(image, prompt, spec)} is the render → prepare → preprocess → inputs → trace sequence, exactly. */
class OneCallTraceTest {

    @Test
    void oneCallGivesTheSameTraceAsTheFiveSteps() {
        String question = "Is the green square on the left or on the right?";
        Path image = EngineFixture.DIR.resolve("images/shapes_640x480.png");
        try (LoadedModel lm = EngineFixture.open(Precision.FP32);
             Trace oneCall = lm.trace(image, question, TraceSpec.residuals());
             Trace fiveSteps = lm.hooked().trace(EngineFixture.inputs(lm, question), TraceSpec.residuals())) {
            assertArrayEquals(fiveSteps.inputs().ids(), oneCall.inputs().ids());
            assertArrayEquals(fiveSteps.lastLogits(), oneCall.lastLogits(), 0f);
            int last = oneCall.length() - 1;
            assertArrayEquals(fiveSteps.rows(Sites.residPost(1), last)[0], oneCall.rows(Sites.residPost(1), last)[0], 0f);
        }
    }
}
