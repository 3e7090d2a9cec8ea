package vlmscope.model.qwen2vl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import vlmscope.VlmscopeException;
import vlmscope.processing.ImageLoader;
import vlmscope.processing.qwen2vl.Qwen2VLImageProcessor;
import vlmscope.processing.qwen2vl.QwenFixtures;

/** Full forward (image → merger → M-RoPE decoder → logits) against HF's per-layer hidden states and logits. */
class Qwen2VLForwardTest {

    static Stream<QwenFixtures.Case> cases() {
        return QwenFixtures.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hiddenStatesAndLogitsEqualHuggingFace(QwenFixtures.Case c) {
        JsonNode e = c.expected();
        int[] ids = QwenFixtures.ints(e.get("input_ids"));
        QwenPixels px = Qwen2VLImageProcessor.fromPretrained(c.folder())
                .preprocess(ImageLoader.read(c.folder().resolve(e.get("image").asText())));
        try (NDManager m = NDManager.newBaseManager(); Qwen2VLForward model = new Qwen2VLForward(c.folder(), m)) {
            int d = model.config().text().hiddenSize();
            Map<String, float[]> layers = new HashMap<>();
            DecoderVisitor record = (layer, x, p0) -> {
                layers.put("layer_" + layer, x.toFloatArray());
                return x;
            };
            Qwen2VLForward.Result r = model.run(ids, List.of(px), VisionVisitor.NONE, record, m);
            layers.put("embeddings", r.embeddings().toFloatArray());
            layers.put("final_norm", model.decoder().finalNorm(r.lastHidden()).toFloatArray());
            JsonNode hs = e.get("hidden_states");
            JsonNode positions = hs.get("positions");
            double maxHidden = 0;
            for (var entry : hs.get("values").properties()) {
                float[] actual = layers.get(entry.getKey());
                for (int i = 0; i < positions.size(); i++) {
                    int p = positions.get(i).asInt();
                    maxHidden = Math.max(maxHidden, Golden.assertRowClose(entry.getKey() + " @" + p,
                            entry.getValue().get(i), actual, p * d));
                }
            }
            float[] logits = r.logitsLast().toFloatArray(); // [V]
            JsonNode l = e.get("logits_last");
            double maxLogit = 0;
            for (JsonNode pair : l.get("top10")) maxLogit = Math.max(maxLogit, close(logits, pair));
            for (JsonNode pair : l.get("sampled")) maxLogit = Math.max(maxLogit, close(logits, pair));
            for (JsonNode w : l.get("watch")) {
                maxLogit = Math.max(maxLogit, Math.abs(logits[w.get("id").asInt()] - w.get("logit").asDouble()));
            }
            assertTrue(maxLogit <= Golden.ABS, "logit error " + maxLogit);
            int argmax = 0;
            for (int i = 1; i < logits.length; i++) if (logits[i] > logits[argmax]) argmax = i;
            assertEquals(l.get("argmax").asInt(), argmax, "argmax");
            System.out.printf("%s decoder max abs error vs HF: hidden %.3g, logits %.3g%n", c, maxHidden, maxLogit);
        }
    }

    private static double close(float[] logits, JsonNode idValue) {
        double err = Math.abs(logits[idValue.get(0).asInt()] - idValue.get(1).asDouble());
        assertTrue(err <= Golden.ABS + Golden.REL * Math.abs(idValue.get(1).asDouble()),
                "logit " + idValue.get(0) + ": " + logits[idValue.get(0).asInt()] + " vs HF " + idValue.get(1));
        return err;
    }

    @Test
    void tooFewImagePlaceholdersAreRefused() {
        QwenFixtures.Case c = QwenFixtures.cases().get(0);
        int[] ids = QwenFixtures.ints(c.expected().get("input_ids"));
        int[] shorter = new int[ids.length - 1];
        int span = c.expected().get("image_token_span").get(0).asInt();
        System.arraycopy(ids, 0, shorter, 0, span);
        System.arraycopy(ids, span + 1, shorter, span, ids.length - span - 1); // one <|image_pad|> fewer
        QwenPixels px = Qwen2VLImageProcessor.fromPretrained(c.folder())
                .preprocess(ImageLoader.read(c.folder().resolve(c.expected().get("image").asText())));
        try (NDManager m = NDManager.newBaseManager(); Qwen2VLForward model = new Qwen2VLForward(c.folder(), m)) {
            VlmscopeException e = assertThrows(VlmscopeException.class,
                    () -> model.run(shorter, List.of(px), VisionVisitor.NONE, DecoderVisitor.NONE, m));
            assertTrue(e.getMessage().contains("Fix: "), e.getMessage());
        }
    }
}
