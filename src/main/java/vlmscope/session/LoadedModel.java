package vlmscope.session;

import vlmscope.VlmscopeException;
import vlmscope.hooks.HookedModel;
import vlmscope.model.Inputs;
import vlmscope.model.LlavaModel;
import vlmscope.model.ModelRegistry;
import vlmscope.model.Precision;
import vlmscope.processing.ClipImageProcessor;
import vlmscope.processing.ImageLoader;
import vlmscope.processing.LlavaProcessor;
import vlmscope.processing.ModelInput;
import vlmscope.processing.PromptFormat;
import vlmscope.processing.Tokenizer;
import vlmscope.processing.WordLocator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A checkpoint with everything needed to run it on (image, text) pairs: the hooked engine, tokenizer,
 * prompt format and image processor. What every command and experiment opens first.
 */
public final class LoadedModel implements AutoCloseable {

    private final Path dir;
    private final LlavaModel model;
    private final HookedModel hooked;
    private final Tokenizer tokenizer;
    private final LlavaProcessor processor;
    private final ClipImageProcessor images;
    private final PromptFormat chatFormat;
    private final WordLocator locator;

    private LoadedModel(Path dir, Precision precision) {
        this.dir = dir;
        this.model = ModelRegistry.load(dir, precision);
        try {
            this.tokenizer = Tokenizer.fromPretrained(dir);
            this.processor = LlavaProcessor.fromPretrained(dir, tokenizer);
            this.images = ClipImageProcessor.fromPretrained(dir);
            this.chatFormat = PromptFormat.fromCheckpoint(dir);
            this.locator = new WordLocator(tokenizer);
            if (processor.imageSeqLength() != model.config().imageSeqLength()) {
                throw VlmscopeException.badInput(dir, "processor expands <image> into " + processor.imageSeqLength()
                        + " tokens but the vision tower yields " + model.config().imageSeqLength(),
                        "fix image_seq_length in config.json");
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        this.hooked = new HookedModel(model);
    }

    public static LoadedModel open(Path dir, Precision precision) {
        return new LoadedModel(dir, precision);
    }

    public Path directory() {
        return dir;
    }

    public LlavaModel model() {
        return model;
    }

    public HookedModel hooked() {
        return hooked;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public WordLocator locator() {
        return locator;
    }

    public ClipImageProcessor imageProcessor() {
        return images;
    }

    /** The prompt string for {@code text}: the paper's raw {@code "<image>\n" + text} or the checkpoint's chat format. */
    public String render(String text, boolean raw, boolean withImage) {
        PromptFormat format = raw ? PromptFormat.RAW : chatFormat;
        return withImage ? format.render(text) : format.renderTextOnly(text);
    }

    /** Tokenises a rendered prompt, expanding each {@code <image>} into the image-token run. */
    public ModelInput prepare(String renderedPrompt, int numImages) {
        return numImages == 0 ? processor.prepareTextOnly(renderedPrompt) : processor.prepare(renderedPrompt, numImages);
    }

    /** Reads and preprocesses an image file: [3, S, S]. */
    public float[] pixels(Path image) {
        return images.preprocess(ImageLoader.read(image));
    }

    /** Engine inputs for a prepared prompt and its images (files). */
    public Inputs inputs(ModelInput input, List<Path> imageFiles) {
        List<float[]> px = new ArrayList<>();
        for (Path f : imageFiles) px.add(pixels(f));
        return new Inputs(input.ids(), px);
    }

    @Override
    public void close() {
        tokenizer.close();
        model.close();
    }
}
