package vlmscope.organism;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.Json;
import vlmscope.tensor.SafetensorsWriter;
import vlmscope.TempFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes an organism as a Hugging Face LLaVA-1.5 checkpoint folder: {@code config.json} (model_type llava),
 * {@code model.safetensors} (hub tensor names), a word-level {@code tokenizer.json} with
 * {@code tokenizer_config.json}, {@code preprocessor_config.json} (CLIPImageProcessor whose resize and crop are the
 * identity on the world's canvas), {@code processor_config.json} and llava-hf's {@code chat_template.json}.
 * Every file appears atomically.
 */
public final class OrganismFiles {

    /** llava-hf's LLaVA-1.5 chat template: {@code "USER: <image>\n{text} ASSISTANT:"}. */
    public static final String CHAT_TEMPLATE = "{% for message in messages %}{% if message['role'] != 'system' %}"
            + "{{ message['role'].upper() + ': '}}{% endif %}{# Render all images first #}{% for content in "
            + "message['content'] | selectattr('type', 'equalto', 'image') %}{{ '<image>\\n' }}{% endfor %}"
            + "{# Render all text next #}{% for content in message['content'] | selectattr('type', 'equalto', "
            + "'text') %}{{ content['text'] + ' '}}{% endfor %}{% endfor %}{% if add_generation_prompt %}"
            + "{{ 'ASSISTANT:' }}{% endif %}";
    private static final double[] CLIP_MEAN = {0.48145466, 0.4578275, 0.40821073};
    private static final double[] CLIP_STD = {0.26862954, 0.26130258, 0.27577711};

    private OrganismFiles() {
    }

    /**
     * Writes the whole folder.
     *
     * @param weights tensors by hub name; values are float32 row-major with the given shapes
     */
    public static void write(Path dir, OrganismSpec spec, OrganismVocabulary vocab, Map<String, float[]> weights,
                             Map<String, long[]> shapes) {
        writeMetadata(dir, spec, vocab);
        SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "pt");
        weights.forEach((name, data) -> writer.add(name, data, shapes.get(name)));
        writer.write(dir.resolve("model.safetensors"));
    }

    /** Writes every file except the weights. */
    public static void writeMetadata(Path dir, OrganismSpec spec, OrganismVocabulary vocab) {
        if (spec.vocabSize() != vocab.size()) {
            throw new IllegalArgumentException("spec vocab " + spec.vocabSize() + " != tokenizer vocab " + vocab.size());
        }
        writeJson(dir.resolve("config.json"), config(spec, vocab));
        writeJson(dir.resolve("tokenizer.json"), tokenizer(vocab));
        writeJson(dir.resolve("tokenizer_config.json"), tokenizerConfig());
        writeJson(dir.resolve("preprocessor_config.json"), preprocessor(spec));
        ObjectNode processor = Json.object();
        processor.put("image_token", OrganismVocabulary.IMAGE);
        processor.put("patch_size", spec.patch());
        processor.put("processor_class", "LlavaProcessor");
        processor.put("vision_feature_select_strategy", "default");
        writeJson(dir.resolve("processor_config.json"), processor);
        ObjectNode template = Json.object();
        template.put("chat_template", CHAT_TEMPLATE);
        writeJson(dir.resolve("chat_template.json"), template);
    }

    static ObjectNode config(OrganismSpec spec, OrganismVocabulary vocab) {
        ObjectNode c = Json.object();
        c.putArray("architectures").add("LlavaForConditionalGeneration");
        c.put("model_type", "llava");
        c.put("image_token_index", vocab.imageId());
        c.put("pad_token_id", vocab.padId());
        c.put("image_seq_length", spec.numPatches());
        c.put("projector_hidden_act", "gelu");
        c.put("multimodal_projector_bias", true);
        c.put("vision_feature_layer", -1);
        c.put("vision_feature_select_strategy", "default");
        c.put("tie_word_embeddings", false);
        c.put("torch_dtype", "float32");
        ObjectNode t = c.putObject("text_config");
        t.put("model_type", "llama");
        t.put("vocab_size", spec.vocabSize());
        putTowerSizes(t, spec.textHidden(), spec.textIntermediate(), spec.textLayers(), spec.textHeads());
        t.put("num_key_value_heads", spec.textHeads());
        t.put("head_dim", spec.textHeadDim());
        t.put("hidden_act", "silu");
        t.put("rms_norm_eps", OrganismSpec.RMS_NORM_EPS);
        t.put("rope_theta", OrganismSpec.ROPE_THETA);
        t.put("max_position_embeddings", 1024);
        t.put("attention_bias", false);
        t.put("mlp_bias", false);
        t.put("tie_word_embeddings", false);
        t.put("bos_token_id", vocab.bosId());
        t.put("eos_token_id", vocab.eosId());
        t.put("pad_token_id", vocab.padId());
        t.put("torch_dtype", "float32");
        ObjectNode v = c.putObject("vision_config");
        v.put("model_type", "clip_vision_model");
        putTowerSizes(v, spec.visionHidden(), spec.visionIntermediate(), spec.visionLayers(), spec.visionHeads());
        v.put("num_channels", 3);
        v.put("image_size", spec.canvas());
        v.put("patch_size", spec.patch());
        v.put("hidden_act", "gelu");
        v.put("layer_norm_eps", OrganismSpec.LAYER_NORM_EPS);
        v.put("projection_dim", spec.visionHidden());
        return c;
    }

    /** The four sizes a transformer tower's config names, in Hugging Face's key order. */
    private static void putTowerSizes(ObjectNode tower, int hidden, int intermediate, int layers, int heads) {
        tower.put("hidden_size", hidden);
        tower.put("intermediate_size", intermediate);
        tower.put("num_hidden_layers", layers);
        tower.put("num_attention_heads", heads);
    }

    /** HF tokenizers JSON: WordLevel model, Lowercase normalizer, Whitespace pre-tokenizer, BOS template. */
    static ObjectNode tokenizer(OrganismVocabulary vocab) {
        ObjectNode root = Json.object();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String special : OrganismVocabulary.SPECIALS) {
            ObjectNode a = added.addObject();
            a.put("id", vocab.id(special));
            a.put("content", special);
            a.put("single_word", false);
            a.put("lstrip", false);
            a.put("rstrip", false);
            a.put("normalized", false);
            a.put("special", true);
        }
        root.putObject("normalizer").put("type", "Lowercase");
        root.putObject("pre_tokenizer").put("type", "Whitespace");
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        single.addObject().putObject("SpecialToken").put("id", OrganismVocabulary.BOS).put("type_id", 0);
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        ArrayNode pair = post.putArray("pair");
        pair.addObject().putObject("SpecialToken").put("id", OrganismVocabulary.BOS).put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        pair.addObject().putObject("SpecialToken").put("id", OrganismVocabulary.BOS).put("type_id", 1);
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
        ObjectNode bos = post.putObject("special_tokens").putObject(OrganismVocabulary.BOS);
        bos.put("id", OrganismVocabulary.BOS);
        bos.putArray("ids").add(vocab.bosId());
        bos.putArray("tokens").add(OrganismVocabulary.BOS);
        root.putNull("decoder");
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel");
        ObjectNode v = model.putObject("vocab");
        for (int i = 0; i < vocab.size(); i++) v.put(vocab.tokens().get(i), i);
        model.put("unk_token", OrganismVocabulary.UNK);
        return root;
    }

    static ObjectNode tokenizerConfig() {
        ObjectNode c = Json.object();
        c.put("tokenizer_class", "PreTrainedTokenizerFast");
        c.put("bos_token", OrganismVocabulary.BOS);
        c.put("eos_token", OrganismVocabulary.EOS);
        c.put("pad_token", OrganismVocabulary.PAD);
        c.put("unk_token", OrganismVocabulary.UNK);
        c.put("model_max_length", 1024);
        c.put("padding_side", "right");
        return c;
    }

    static ObjectNode preprocessor(OrganismSpec spec) {
        ObjectNode p = Json.object();
        p.put("image_processor_type", "CLIPImageProcessor");
        p.put("processor_class", "LlavaProcessor");
        p.put("do_resize", true);
        p.putObject("size").put("shortest_edge", spec.canvas());
        p.put("resample", 3);
        p.put("do_center_crop", true);
        p.putObject("crop_size").put("height", spec.canvas()).put("width", spec.canvas());
        p.put("do_rescale", true);
        p.put("rescale_factor", 1.0 / 255);
        p.put("do_normalize", true);
        ArrayNode mean = p.putArray("image_mean");
        ArrayNode std = p.putArray("image_std");
        for (int c = 0; c < 3; c++) {
            mean.add(CLIP_MEAN[c]);
            std.add(CLIP_STD[c]);
        }
        p.put("do_convert_rgb", true);
        return p;
    }

    /** Writes JSON to a temp file in the same folder, then moves it over {@code file}. */
    static void writeJson(Path file, Object json) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = TempFiles.beside(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, Json.pretty().writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
