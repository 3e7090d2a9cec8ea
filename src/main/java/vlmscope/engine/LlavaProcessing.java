package vlmscope.engine;

import vlmscope.VlmscopeException;
import vlmscope.model.VisionLanguageModel;
import vlmscope.model.Checkpoint;
import vlmscope.processing.ClipImageProcessor;
import vlmscope.processing.LlavaProcessor;
import vlmscope.processing.ModelInput;
import vlmscope.processing.PromptFormat;
import vlmscope.processing.Tokenizer;

import java.awt.image.BufferedImage;
import java.util.List;

/** LLaVA-1.5 (HF LlavaProcessor): CLIP image preprocessing, {@code <image>} expanded to a fixed token count. */
final class LlavaProcessing implements FamilyProcessing {

    private final LlavaProcessor processor;
    private final ClipImageProcessor images;
    private final PromptFormat chatFormat;

    LlavaProcessing(Checkpoint checkpoint, Tokenizer tokenizer, VisionLanguageModel model) {
        this.processor = LlavaProcessor.fromPretrained(checkpoint.directory(), checkpoint.config(), tokenizer);
        this.images = ClipImageProcessor.fromPretrained(checkpoint.directory());
        this.chatFormat = PromptFormat.fromCheckpoint(checkpoint.directory(), checkpoint.tokenizerConfig());
        int imageRows = model.imageRowsPerImage();
        if (processor.imageSeqLength() != imageRows) {
            throw VlmscopeException.badInput(checkpoint.directory(), "processor expands <image> into " + processor.imageSeqLength()
                    + " tokens but the vision tower yields " + imageRows, "fix image_seq_length in config.json");
        }
    }

    ClipImageProcessor imageProcessor() {
        return images;
    }

    @Override
    public String render(String text, boolean raw, boolean withImage) {
        PromptFormat format = raw ? PromptFormat.RAW : chatFormat;
        return withImage ? format.render(text) : format.renderTextOnly(text);
    }

    @Override
    public String imageMarker() {
        return processor.imageToken();
    }

    @Override
    public float[] pixels(BufferedImage image) {
        return images.preprocess(image);
    }

    @Override
    public ModelInput prepare(String rendered, List<float[]> images) {
        return prepare(rendered, images.size());
    }

    @Override
    public ModelInput prepare(String rendered, int numImages) {
        return numImages == 0 ? processor.prepareTextOnly(rendered) : processor.prepare(rendered, numImages);
    }
}
