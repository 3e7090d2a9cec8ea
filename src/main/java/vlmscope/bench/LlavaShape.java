package vlmscope.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.Json;
import vlmscope.engine.Inputs;
import vlmscope.tensor.DType;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The shape of a synthetic LLaVA-1.5-layout checkpoint: a Llama decoder of the given size behind a (small) CLIP tower
 * with the real image-token count. Decoder parameters dominate, as in LLaVA.
 */
public record LlavaShape(int hidden, int layers, int heads, int kvHeads, int intermediate, int vocab,
                         int visionHidden, int visionLayers, int imageSize, int patchSize) implements BenchShape {

    @Override
    public String arch() {
        return "llava";
    }

    @Override
    public int imageTokens() {
        int g = imageSize / patchSize;
        return g * g;
    }

    @Override
    public long blockParams() {
        long kv = kvWidth();
        return (long) hidden * hidden * 2 + 2L * hidden * kv + 3L * hidden * intermediate + 2L * hidden;
    }

    @Override
    public long decoderParams() {
        return layers * blockParams() + 2L * vocab * hidden + hidden;
    }

    @Override
    public void ensureCheckpoint(Path dir, DType dtype, long seed) {
        RandomCheckpoint.ensure(dir, this, dtype, seed);
    }

    /** BOS, the image's rows of {@code image_token_index}, random text ids; random [3, S, S] pixels. */
    @Override
    public Inputs inputs(Path checkpointDir, int textTokens) {
        int imageToken = imageTokenIndex();
        int n = imageTokens();
        int[] ids = new int[1 + n + textTokens];
        ids[0] = 1;
        for (int i = 1; i <= n; i++) ids[i] = imageToken;
        SplittableRandom r = new SplittableRandom(5);
        for (int i = n + 1; i < ids.length; i++) ids[i] = 2 + r.nextInt(vocab - 3);
        float[] pixels = new float[3 * imageSize * imageSize]; // [3, S, S]
        for (int i = 0; i < pixels.length; i++) pixels[i] = (float) r.nextGaussian();
        return new Inputs(ids, List.of(pixels));
    }

    /** The id of the image token: the last of the vocabulary. */
    public int imageTokenIndex() {
        return vocab - 1;
    }

    /** config.json in llava-hf form. */
    public ObjectNode config() {
        ObjectMapper json = Json.MAPPER;
        ObjectNode c = json.createObjectNode();
        c.put("model_type", "llava");
        c.putArray("architectures").add("LlavaForConditionalGeneration");
        c.put("image_token_index", imageTokenIndex());
        c.put("vision_feature_layer", -2);
        c.put("vision_feature_select_strategy", "default");
        c.put("projector_hidden_act", "gelu");
        c.put("tie_word_embeddings", false);
        ObjectNode t = c.putObject("text_config");
        t.put("model_type", "llama");
        t.put("hidden_size", hidden);
        t.put("num_hidden_layers", layers);
        t.put("num_attention_heads", heads);
        t.put("num_key_value_heads", kvHeads);
        t.put("intermediate_size", intermediate);
        t.put("vocab_size", vocab);
        t.put("rms_norm_eps", 1e-5);
        ObjectNode v = c.putObject("vision_config");
        v.put("hidden_size", visionHidden);
        v.put("intermediate_size", visionHidden * 4);
        v.put("num_hidden_layers", visionLayers);
        v.put("num_attention_heads", Math.max(1, visionHidden / 64));
        v.put("image_size", imageSize);
        v.put("patch_size", patchSize);
        return c;
    }
}
