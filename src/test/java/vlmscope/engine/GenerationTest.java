package vlmscope.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import java.nio.file.Path;
import vlmscope.hooks.Sites;
import vlmscope.engine.Inputs;
import vlmscope.model.Precision;
import vlmscope.engine.LoadedModel;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Greedy decoding with the KV cache equals greedy decoding by full reruns; prefill edits carry through the cache. */
class GenerationTest {

    /** For Qwen the full rerun recomputes the 3-D positions (get_rope_index); the cached steps continue at max + 1. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("vlmscope.engine.EngineFixture#families")
    void cachedDecodingEqualsRepeatedFullForwards(Path dir) {
        try (LoadedModel lm = LoadedModel.open(dir, Precision.FP32)) {
            Inputs inputs = EngineFixture.inputs(lm, dir, "Describe the image.");
            int d = lm.model().hiddenSize();
            PositionEdit edit = PositionEdit.add(Sites.residPost(1), new int[]{inputs.length() - 1},
                    EngineFixture.randomVector(d, 11, 3f));
            for (List<PositionEdit> edits : List.of(List.<PositionEdit>of(), List.of(edit))) {
                Generation g = lm.hooked().generate(inputs, edits, 4, Set.of());
                assertEquals(4, g.tokens().length);
                int[] ids = inputs.ids();
                for (int step = 0; step < 4; step++) {
                    try (RunResult r = lm.hooked().run(new Inputs(ids, inputs.images()), edits, Set.of())) {
                        assertArrayEquals(r.lastLogits(), g.stepLogits().get(step), 1e-4f, "step " + step);
                        assertEquals(HookedModel.argmax(r.lastLogits()), g.tokens()[step]);
                    }
                    ids = Arrays.copyOf(ids, ids.length + 1);
                    ids[ids.length - 1] = g.tokens()[step];
                }
            }
        }
    }
}
