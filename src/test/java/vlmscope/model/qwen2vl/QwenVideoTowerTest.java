package vlmscope.model.qwen2vl;

import vlmscope.hooks.Hooks;
import vlmscope.hooks.Site;
import vlmscope.model.Computes;
import vlmscope.model.Precision;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vlmscope.VlmscopeException;
import vlmscope.processing.ImageLoader;
import vlmscope.processing.qwen2vl.Qwen2VLImageProcessor;
import vlmscope.processing.qwen2vl.QwenFixtures;

/** A 4-frame video (grid_t 2): the processor's video path and the vision tower's per-frame attention against HF. */
class QwenVideoTowerTest {

    static Stream<Path> folders() {
        return QwenFixtures.FOLDERS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("folders")
    void videoPixelsBlocksAndMergerEqualHuggingFace(Path folder) {
        JsonNode e = QwenFixtures.read(folder.resolve("expected/video.json"));
        List<BufferedImage> frames = new ArrayList<>();
        for (JsonNode f : e.get("frames")) frames.add(ImageLoader.read(folder.resolve(f.asText())));
        QwenPixels px = Qwen2VLImageProcessor.fromPretrained(folder).preprocessVideo(frames);
        assertArrayEquals(QwenFixtures.ints(e.get("video_grid_thw")), px.gridThw());
        int len = px.rowLength();
        for (JsonNode s : e.get("pixel_values").get("samples_row_col_value")) {
            assertEquals(s.get(2).asDouble(), px.values()[s.get(0).asInt() * len + s.get(1).asInt()], 1e-6);
        }
        for (int r = 0; r < px.numPatches(); r++) {
            double sum = 0;
            for (int k = 0; k < len; k++) sum += px.values()[r * len + k];
            assertEquals(e.get("pixel_values").get("row_sums").get(r).asDouble(), sum, 1e-6 * len, "row " + r);
        }
        Qwen2VLConfig cfg = Qwen2VLConfig.fromPretrained(folder);
        JsonNode v = e.get("vision");
        try (NDManager m = NDManager.newBaseManager(); QwenWeights w = new QwenWeights(folder, m, Computes.create(Precision.FP32))) {
            Map<Integer, float[]> blocks = new HashMap<>();
            Hooks record = (site, rows, offset) -> {
                if (site.kind() == Site.Kind.VISION_RESID_POST) blocks.put(site.block(), rows.toFloatArray());
                return rows;
            };
            float[] merged = new QwenVisionTower(cfg, w).forward(px, 0, 0, record, m).toFloatArray();
            double maxErr = 0;
            int width = cfg.vision().width();
            for (int b = 0; b < cfg.vision().depth(); b++) {
                for (int i = 0; i < v.get("rows").size(); i++) {
                    int r = v.get("rows").get(i).asInt();
                    maxErr = Math.max(maxErr, Golden.assertRowClose("block " + b + " row " + r,
                            v.get("blocks").get(b).get("values").get(i), blocks.get(b), r * width));
                }
            }
            for (int i = 0; i < v.get("merged_rows").size(); i++) {
                int r = v.get("merged_rows").get(i).asInt();
                maxErr = Math.max(maxErr, Golden.assertRowClose("merger row " + r, v.get("merger_out").get("values").get(i),
                        merged, r * cfg.vision().outWidth()));
            }
            System.out.printf("%s video vision max abs error vs HF: %.3g%n", folder.getFileName(), maxErr);
        }
    }

    @Test
    void aFrameCountThatDoesNotPairIsRefused() {
        Path folder = QwenFixtures.FOLDERS.get(0);
        BufferedImage frame = ImageLoader.read(folder.resolve("images/video_0.png"));
        VlmscopeException e = assertThrows(VlmscopeException.class,
                () -> Qwen2VLImageProcessor.fromPretrained(folder).preprocessVideo(List.of(frame, frame, frame)));
        assertTrue(e.getMessage().contains("3 frames") && e.getMessage().contains("Fix: "), e.getMessage());
    }
}
