package vlmscope.model.qwen2vl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vlmscope.model.KvCache;
import vlmscope.processing.ImageLoader;
import vlmscope.processing.qwen2vl.Qwen2VLImageProcessor;
import vlmscope.processing.qwen2vl.QwenFixtures;

/**
 * Running blocks L.. over positions p0.. with the clean run's cached keys/values of [0, p0) and the clean run's
 * 3-D position ids of p0.. gives the same last-layer residual as the full run, at every start layer and at start
 * positions before, inside and after the image.
 */
class QwenSuffixRecomputationTest {

    @Test
    void suffixEqualsFullRunAtEveryLayerAndSeveralStarts() {
        for (QwenFixtures.Case c : List.of(QwenFixtures.cases().get(0), QwenFixtures.cases().get(3))) {
            int[] ids = QwenFixtures.ints(c.expected().get("input_ids"));
            QwenPixels px = Qwen2VLImageProcessor.fromPretrained(c.folder())
                    .preprocess(ImageLoader.read(c.folder().resolve(c.expected().get("image").asText())));
            int imageStart = c.expected().get("image_token_span").get(0).asInt();
            int imageEnd = c.expected().get("image_token_span").get(1).asInt();
            try (NDManager m = NDManager.newBaseManager(); Qwen2VLForward model = new Qwen2VLForward(c.folder(), m)) {
                Qwen2Decoder decoder = model.decoder();
                Map<Integer, NDArray> layerOut = new HashMap<>();
                Qwen2VLForward.Result clean = model.run(ids, List.of(px), VisionVisitor.NONE, (l, x, p0) -> {
                    layerOut.put(l, x);
                    return x;
                }, m);
                float[] full = clean.lastHidden().toFloatArray(); // [T, d]
                int d = decoder.config().hiddenSize();
                try (KvCache cleanCache = new KvCache(m, decoder.numLayers())) {
                    decoder.runBlocks(clean.embeddings(), clean.positions().rows(), 0, 0, cleanCache, DecoderVisitor.NONE, m);
                    for (int p0 : new int[] {1, imageStart, (imageStart + imageEnd) / 2, imageEnd, ids.length - 1}) {
                        for (int from = 0; from < decoder.numLayers(); from++) {
                            NDArray input = (from == 0 ? clean.embeddings() : layerOut.get(from - 1)).get(p0 + ":"); // [T-p0, d]
                            try (KvCache prefix = cleanCache.prefix(p0, from)) {
                                float[] suffix = decoder.runBlocks(input, clean.positions().slice(p0, ids.length - p0), p0,
                                        from, prefix, DecoderVisitor.NONE, m).toFloatArray();
                                double maxErr = 0;
                                for (int i = 0; i < suffix.length; i++) {
                                    maxErr = Math.max(maxErr, Math.abs(suffix[i] - full[p0 * d + i]));
                                }
                                assertTrue(maxErr < 1e-5, c + " p0 " + p0 + " from block " + from + ": " + maxErr);
                            }
                        }
                    }
                }
            }
        }
    }
}
