package vlmscope.model.qwen2vl;

import vlmscope.hooks.Hooks;
import vlmscope.hooks.Site;
import vlmscope.hooks.Sites;
import vlmscope.model.Computes;
import vlmscope.model.Precision;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vlmscope.processing.ImageLoader;
import vlmscope.processing.qwen2vl.Qwen2VLImageProcessor;
import vlmscope.processing.qwen2vl.QwenFixtures;

/** Vision blocks, merger input and merger output against HF (Qwen2-VL and Qwen2.5-VL with window attention). */
class QwenVisionTowerTest {

    static Stream<QwenFixtures.Case> cases() {
        return QwenFixtures.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void blocksAndMergerEqualHuggingFace(QwenFixtures.Case c) {
        Qwen2VLConfig cfg = Qwen2VLConfig.fromPretrained(c.folder());
        QwenPixels px = Qwen2VLImageProcessor.fromPretrained(c.folder())
                .preprocess(ImageLoader.read(c.folder().resolve(c.expected().get("image").asText())));
        JsonNode v = c.expected().get("vision");
        try (NDManager m = NDManager.newBaseManager(); QwenWeights w = new QwenWeights(c.folder(), m, Computes.create(Precision.FP32))) {
            Map<String, float[]> seen = new HashMap<>();
            int width = cfg.vision().width();
            Hooks record = (site, rows, offset) -> {
                if (site.kind() == Site.Kind.VISION_RESID_POST) seen.put("block" + site.block(), rows.toFloatArray());
                if (site.equals(Sites.VISION_FEATURES)) seen.put("features", rows.toFloatArray());
                return rows;
            };
            float[] merged = new QwenVisionTower(cfg, w).forward(px, 0, 0, record, m).toFloatArray(); // [tokens, d]
            double maxErr = 0;
            for (int b = 0; b < cfg.vision().depth(); b++) {
                maxErr = Math.max(maxErr, rows("block " + b, v.get("rows"), v.get("blocks").get(b).get("values"),
                        seen.get("block" + b), width));
            }
            maxErr = Math.max(maxErr, rows("merger_in", v.get("rows"), v.get("merger_in").get("values"), seen.get("features"), width));
            assertEquals(v.get("merger_out").get("shape").get(0).asInt() * cfg.vision().outWidth(), merged.length);
            maxErr = Math.max(maxErr, rows("merger_out", v.get("merged_rows"), v.get("merger_out").get("values"), merged,
                    cfg.vision().outWidth()));
            System.out.printf("%s vision max abs error vs HF: %.3g%n", c, maxErr);
        }
    }

    private static double rows(String what, JsonNode rowIds, JsonNode values, float[] actual, int width) {
        double maxErr = 0;
        for (int i = 0; i < rowIds.size(); i++) {
            int r = rowIds.get(i).asInt();
            maxErr = Math.max(maxErr, Golden.assertRowClose(what + " row " + r, values.get(i), actual, r * width));
        }
        return maxErr;
    }

    @Test
    void windowOrderMatchesHandWorkedExample() {
        // 1 frame, 4 x 6 patches, merge 2 -> 2 x 3 units; windows of 2 x 2 units: [u0 u1 u3 u4] then [u2 u5]
        WindowOrder wo = WindowOrder.of(1, 4, 6, 2, 2);
        int[] units = {0, 1, 3, 4, 2, 5};
        int[] expected = new int[24];
        for (int k = 0; k < 24; k++) expected[k] = units[k / 4] * 4 + k % 4;
        assertArrayEquals(expected, wo.order());
        assertArrayEquals(new int[] {16, 8}, wo.windows());
        for (int i = 0; i < 24; i++) assertEquals(i, wo.order()[wo.inverse()[i]]);
        assertEquals(List.of(24), List.of(wo.frames()[0]));
    }
}
