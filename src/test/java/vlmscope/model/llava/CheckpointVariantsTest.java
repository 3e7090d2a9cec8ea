package vlmscope.model.llava;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.VlmscopeException;
import vlmscope.model.Precision;
import vlmscope.engine.Inputs;
import vlmscope.engine.Trace;
import vlmscope.engine.TraceSpec;
import vlmscope.engine.LoadedModel;
import vlmscope.tensor.SafetensorsFile;
import vlmscope.tensor.SafetensorsWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Checkpoint layouts and config variants that must load to the same model (or fail clearly). */
class CheckpointVariantsTest {

    static final Path FIXTURE = Path.of("fixtures/llava-tiny-1234");

    static Path copy(Path tmp) throws IOException {
        Path dir = tmp.resolve("ckpt");
        Files.createDirectories(dir.resolve("images"));
        try (Stream<Path> files = Files.list(FIXTURE)) {
            for (Path f : (Iterable<Path>) files::iterator) if (Files.isRegularFile(f)) Files.copy(f, dir.resolve(f.getFileName()));
        }
        return dir;
    }

    static float[] logits(Path dir) {
        try (LoadedModel lm = LoadedModel.open(dir, Precision.FP32)) {
            var input = lm.prepare(lm.render("Is the red circle on the left?", false, true), 1);
            Inputs inputs = lm.inputs(input, List.of(FIXTURE.resolve("images/shapes_500x375.png")));
            try (Trace t = lm.hooked().trace(inputs, TraceSpec.residuals())) {
                return t.lastLogits();
            }
        }
    }

    @Test
    void transformers452TensorNamesLoadTheSameModel(@TempDir Path tmp) throws IOException {
        Path dir = copy(tmp);
        SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
        try (SafetensorsFile f = SafetensorsFile.open(FIXTURE.resolve("model.safetensors"))) {
            for (String name : f.names()) {
                String renamed = name.equals("language_model.lm_head.weight") ? "lm_head.weight"
                        : name.startsWith("language_model.model.") ? "model.language_model." + name.substring("language_model.model.".length())
                        : "model." + name;
                w.add(renamed, f.readFloats(name), f.info(name).shape());
            }
        }
        w.write(dir.resolve("model.safetensors"));
        assertArrayEquals(logits(FIXTURE), logits(dir), 0f);
    }

    @Test
    void positiveAndNegativeVisionFeatureLayersAgree(@TempDir Path tmp) throws IOException {
        Path dir = copy(tmp);
        Path config = dir.resolve("config.json");
        // 3 CLIP layers -> 4 hidden states: index -2 is index 2.
        Files.writeString(config, Files.readString(config).replace("\"vision_feature_layer\": -2", "\"vision_feature_layer\": 2"));
        assertArrayEquals(logits(FIXTURE), logits(dir), 0f);
        Files.writeString(config, Files.readString(config).replace("\"vision_feature_layer\": 2", "\"vision_feature_layer\": 1"));
        float[] earlier = logits(dir);
        assertTrue(maxDiff(earlier, logits(FIXTURE)) > 1e-4, "a different CLIP layer must change the features");
    }

    @Test
    void fullSelectStrategyKeepsTheClsRow(@TempDir Path tmp) throws IOException {
        Path dir = copy(tmp);
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config)
                .replace("\"vision_feature_select_strategy\": \"default\"", "\"vision_feature_select_strategy\": \"full\"")
                .replace("\"image_seq_length\": 576", "\"image_seq_length\": 577"));
        assertEquals(577, LlavaConfig.load(dir).imageSeqLength());
        assertEquals(32064, logits(dir).length);
    }

    @Test
    void unsupportedSettingsFailClearly(@TempDir Path tmp) throws IOException {
        Path dir = copy(tmp);
        Path config = dir.resolve("config.json");
        String original = Files.readString(config);
        Files.writeString(config, original.replace("\"projector_hidden_act\": \"gelu\"", "\"projector_hidden_act\": \"relu6\""));
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> LlavaConfig.load(dir));
        assertTrue(e.getMessage().contains("relu6") && e.getMessage().startsWith(config.toString()), e.getMessage());
        Files.writeString(config, original.replace("\"vision_feature_layer\": -2", "\"vision_feature_layer\": 9"));
        e = assertThrows(VlmscopeException.class, () -> LlavaConfig.load(dir));
        assertTrue(e.getMessage().contains("vision_feature_layer"), e.getMessage());
    }

    @Test
    void defaultsFillEveryMissingKey() {
        LlavaConfig c = LlavaConfig.load(FIXTURE);
        assertEquals("quick_gelu", c.vision().hiddenAct());
        assertEquals(4, c.text().numKvHeads());
        assertEquals(10000.0, c.text().ropeTheta());
        assertEquals(8, c.text().headDim());
        assertEquals(1e-5, c.vision().layerNormEps());
        assertEquals(576, c.imageSeqLength());
        LlavaConfig gqa = LlavaConfig.load(Path.of("fixtures/llava-tiny-5678"));
        assertEquals(1e-6, gqa.text().rmsNormEps());
        assertEquals(3, gqa.text().groupSize());
        assertEquals(500000.0, gqa.text().ropeTheta());
    }

    static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }
}
