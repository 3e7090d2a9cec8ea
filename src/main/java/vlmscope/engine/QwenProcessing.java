package vlmscope.engine;

import vlmscope.VlmscopeException;
import vlmscope.model.Checkpoint;
import vlmscope.model.qwen2vl.Qwen2VLModel;
import vlmscope.model.qwen2vl.QwenVisionConfig;
import vlmscope.model.qwen2vl.QwenPixels;
import vlmscope.processing.ModelInput;
import vlmscope.processing.PromptFormat;
import vlmscope.processing.TokenizedText;
import vlmscope.processing.Tokenizer;
import vlmscope.processing.qwen2vl.Qwen2VLImageProcessor;
import vlmscope.processing.qwen2vl.QwenImagePads;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Qwen2-VL / Qwen2.5-VL (HF Qwen2VLProcessor): {@link Qwen2VLImageProcessor} (smart_resize, patches grouped by merge
 * window), each {@code <|image_pad|>} expanded to its image's (h·w)/merge² tokens, the checkpoint's chat template
 * (system prompt included as it renders it), ids without BOS as HF's Qwen2 tokenizer gives them.
 */
final class QwenProcessing implements FamilyProcessing {

    /** The raw form: the image block, then the text, no template. */
    static final String RAW_IMAGE = "<|vision_start|>" + QwenImagePads.IMAGE_PAD + "<|vision_end|>";

    private final Tokenizer tokenizer;
    private final Qwen2VLImageProcessor images;
    private final PromptFormat chatFormat;
    private final int imageTokenId;
    private final int nominalSide;

    QwenProcessing(Checkpoint checkpoint, Tokenizer tokenizer, Qwen2VLModel model) {
        this.tokenizer = tokenizer;
        this.images = Qwen2VLImageProcessor.fromPretrained(checkpoint.directory());
        QwenVisionConfig vision = model.config().vision();
        if (images.mergeSize() != vision.mergeSize() || images.patchSize() != vision.patchSize()
                || images.temporalPatchSize() != vision.temporalPatchSize()) {
            throw VlmscopeException.badInput(checkpoint.directory().resolve("preprocessor_config.json"),
                    "merge_size " + images.mergeSize() + ", patch_size " + images.patchSize() + ", temporal_patch_size "
                            + images.temporalPatchSize() + " make image grids the vision tower cannot take (config.json: "
                            + "spatial_merge_size " + vision.mergeSize() + ", patch_size " + vision.patchSize()
                            + ", temporal_patch_size " + vision.temporalPatchSize() + "; a grid must divide by the merge size)",
                    "use the preprocessor_config.json that belongs to this checkpoint");
        }
        this.chatFormat = PromptFormat.fromCheckpoint(checkpoint.directory(), checkpoint.tokenizerConfig());
        this.imageTokenId = tokenizer.tokenToId(QwenImagePads.IMAGE_PAD).orElseThrow(() -> VlmscopeException.badInput(
                checkpoint.directory().resolve("tokenizer.json"), "has no " + QwenImagePads.IMAGE_PAD + " token",
                "use the tokenizer.json that belongs to this Qwen2-VL checkpoint"));
        this.nominalSide = model.imageSize();
    }

    @Override
    public String render(String text, boolean raw, boolean withImage) {
        if (raw) return withImage ? RAW_IMAGE + text : text;
        return withImage ? chatFormat.render(text) : chatFormat.renderTextOnly(text);
    }

    @Override
    public String imageMarker() {
        return RAW_IMAGE;
    }

    @Override
    public float[] pixels(BufferedImage image) {
        return images.preprocess(image).packed();
    }

    @Override
    public ModelInput prepare(String rendered, List<float[]> packed) {
        List<QwenPixels> grids = new ArrayList<>();
        for (float[] p : packed) grids.add(QwenPixels.unpack(p, images.mergeSize()));
        return tokenize(rendered, QwenImagePads.expand(rendered, grids));
    }

    /** Expands for images of the model's nominal square size (what the synthetic world renders). */
    @Override
    public ModelInput prepare(String rendered, int numImages) {
        int[] hw = images.smartResize(nominalSide, nominalSide);
        int p = images.patchSize();
        QwenPixels nominal = new QwenPixels(new float[0], 1, hw[0] / p, hw[1] / p, images.mergeSize());
        return tokenize(rendered, QwenImagePads.expand(rendered, Collections.nCopies(numImages, nominal)));
    }

    private ModelInput tokenize(String rendered, String expanded) {
        TokenizedText encoded = tokenizer.encode(expanded, false);
        int[] ids = encoded.ids();
        List<ModelInput.Span> spans = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != imageTokenId) continue;
            int start = i;
            while (i + 1 < ids.length && ids[i + 1] == imageTokenId) i++;
            spans.add(new ModelInput.Span(start, i + 1));
        }
        return new ModelInput(rendered, ids, encoded.tokens(), spans);
    }
}
