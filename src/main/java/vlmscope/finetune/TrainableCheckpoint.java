package vlmscope.finetune;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vlmscope.Json;
import vlmscope.VlmscopeException;
import vlmscope.organism.OrganismSpec;
import vlmscope.tensor.SafetensorsFile;
import vlmscope.train.DenseBatch;
import vlmscope.train.OrganismParameters;
import vlmscope.train.Parameter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A checkpoint folder read for training: the architecture the engine can train ({@link OrganismSpec}: a
 * LLaVA-1.5 with a CLIP ViT using every layer, a GELU projector and a Llama decoder without GQA) from its
 * {@code config.json}, and its weights as trainable {@link OrganismParameters}.
 *
 * @param spec    the architecture
 * @param imageId the image token id
 * @param padId   the padding token id
 */
public record TrainableCheckpoint(Path dir, OrganismSpec spec, int imageId, int padId) {

    private static final ObjectMapper JSON = Json.MAPPER;

    /** Reads {@code dir/config.json}; a checkpoint of another architecture is refused with a clear message. */
    public static TrainableCheckpoint open(Path dir) {
        Path config = dir.resolve("config.json");
        JsonNode c;
        try {
            c = JSON.readTree(config.toFile());
        } catch (IOException e) {
            throw VlmscopeException.badInput(config, "unreadable (" + e.getMessage() + ")", "pass a checkpoint folder with --model", e);
        }
        JsonNode v = c.path("vision_config"), t = c.path("text_config");
        String fix = "fine-tune a checkpoint the training engine implements (LLaVA-1.5: CLIP ViT, vision_feature_layer -1, "
                + "Llama decoder without GQA), e.g. models/organism";
        if (!"llava".equals(c.path("model_type").asText()) || c.path("vision_feature_layer").asInt(-1) != -1
                || t.path("num_key_value_heads").asInt(t.path("num_attention_heads").asInt())
                != t.path("num_attention_heads").asInt() || v.path("image_size").asInt(0) == 0) {
            throw VlmscopeException.badInput(config, "not an architecture the training engine implements", fix);
        }
        OrganismSpec spec;
        try {
            spec = new OrganismSpec(v.path("image_size").asInt(), v.path("patch_size").asInt(), v.path("hidden_size").asInt(),
                    v.path("num_hidden_layers").asInt(), v.path("num_attention_heads").asInt(),
                    v.path("intermediate_size").asInt(), t.path("hidden_size").asInt(), t.path("num_hidden_layers").asInt(),
                    t.path("num_attention_heads").asInt(), t.path("intermediate_size").asInt(), t.path("vocab_size").asInt());
        } catch (IllegalArgumentException e) {
            throw VlmscopeException.badInput(config, e.getMessage(), fix);
        }
        return new TrainableCheckpoint(dir, spec, c.path("image_token_index").asInt(), c.path("pad_token_id").asInt(0));
    }

    /**
     * The weights as trainable parameters (the dense pre-training head, absent from checkpoints, is zero);
     * {@code override} gives a tensor's values instead of the folder's (e.g. from a fine-tuning checkpoint), or null.
     */
    public OrganismParameters load(NDManager manager, Function<String, float[]> override) {
        Path file = dir.resolve("model.safetensors");
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            return OrganismParameters.fromValues(spec, DenseBatch.headShape(spec.gridSize()), manager, name -> {
                if (name.startsWith("dense_head.")) return new float[denseHeadSize(name)];
                float[] replaced = override.apply(name);
                if (replaced != null) return replaced;
                if (!f.contains(name)) {
                    throw VlmscopeException.badInput(file, "has no tensor " + name, "pass a complete checkpoint folder");
                }
                return f.readFloats(name);
            });
        }
    }

    private int denseHeadSize(String name) {
        int outputs = DenseBatch.headShape(spec.gridSize()).outputs();
        return name.endsWith(".weight") ? outputs * spec.visionHidden() : outputs;
    }

    /** Scalars of every checkpoint tensor by hub name (the selectors' input and the budget's total). */
    public static Map<String, Long> sizes(OrganismParameters params) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Parameter p : params.all()) {
            if (!p.saved()) continue;
            long n = 1;
            for (long s : p.shape()) n *= s;
            out.put(p.name(), n);
        }
        return out;
    }
}
