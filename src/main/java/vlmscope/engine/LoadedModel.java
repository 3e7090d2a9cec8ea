package vlmscope.engine;

import vlmscope.VlmscopeException;
import vlmscope.model.Checkpoint;
import vlmscope.model.LoadOptions;
import vlmscope.model.registry.ModelRegistry;
import vlmscope.model.Precision;
import vlmscope.model.VisionLanguageModel;
import vlmscope.processing.ClipImageProcessor;
import vlmscope.processing.ImageLoader;
import vlmscope.processing.LlavaProcessor;
import vlmscope.processing.ModelInput;
import vlmscope.processing.PromptFormat;
import vlmscope.processing.Tokenizer;
import vlmscope.processing.WordLocator;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A checkpoint with everything needed to run it on (image, text) pairs: the hooked engine, tokenizer,
 * prompt format and image processor, all configured from one {@link Checkpoint} read. What every command and
 * experiment opens first.
 */
public final class LoadedModel implements AutoCloseable {

    private final Path dir;
    private final VisionLanguageModel model;
    private final HookedModel hooked;
    private final Tokenizer tokenizer;
    private final LlavaProcessor processor;
    private final ClipImageProcessor images;
    private final PromptFormat chatFormat;
    private final WordLocator locator;

    private LoadedModel(Checkpoint checkpoint, LoadOptions options) {
        this.dir = checkpoint.directory();
        this.model = ModelRegistry.load(checkpoint, options);
        try {
            this.tokenizer = Tokenizer.fromPretrained(dir, checkpoint.tokenizerConfig());
            this.processor = LlavaProcessor.fromPretrained(dir, checkpoint.config(), tokenizer);
            this.images = ClipImageProcessor.fromPretrained(dir);
            this.chatFormat = PromptFormat.fromCheckpoint(dir, checkpoint.tokenizerConfig());
            this.locator = new WordLocator(tokenizer);
            int imageRows = model.imageRowsPerImage();
            if (processor.imageSeqLength() != imageRows) {
                throw VlmscopeException.badInput(dir, "processor expands <image> into " + processor.imageSeqLength()
                        + " tokens but the vision tower yields " + imageRows, "fix image_seq_length in config.json");
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        this.hooked = new HookedModel(model);
    }

    /**
     * Opens a checkpoint with the standard options ({@link LoadOptions#standard}: weights copied into memory, one
     * libtorch intra-op thread for models of width &lt;= 256, libtorch's default otherwise).
     */
    public static LoadedModel open(Path dir, Precision precision) {
        Checkpoint checkpoint = Checkpoint.open(dir);
        return new LoadedModel(checkpoint, LoadOptions.standard(checkpoint, precision));
    }

    /** Opens a checkpoint with explicit load options. */
    public static LoadedModel open(Checkpoint checkpoint, LoadOptions options) {
        return new LoadedModel(checkpoint, options);
    }

    public Path directory() {
        return dir;
    }

    public VisionLanguageModel model() {
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

    /**
     * Renders {@code text} (the paper's raw {@code "<image>\n" + text} when {@code raw}, else the checkpoint's chat
     * format), tokenises it with the image expanded and preprocesses the image.
     *
     * @param image the image, or null for a text-only prompt
     */
    public PreparedPrompt prompt(BufferedImage image, String text, boolean raw) {
        boolean withImage = image != null;
        ModelInput input = prepare(render(text, raw, withImage), withImage ? 1 : 0);
        return new PreparedPrompt(input, new Inputs(input.ids(), withImage ? List.of(images.preprocess(image)) : List.of()));
    }

    /**
     * One call from an image file and a question to a clean trace, like TransformerLens's {@code run_with_cache}:
     * the checkpoint's chat format, tokenisation, image preprocessing and the traced forward.
     *
     * @param image the image file, or null for a text-only prompt
     */
    public Trace trace(Path image, String prompt, TraceSpec spec) {
        return trace(image == null ? null : ImageLoader.read(image), prompt, false, spec);
    }

    /** As {@link #trace(Path, String, TraceSpec)} for an image in memory; {@code raw} as in {@link #prompt}. */
    public Trace trace(BufferedImage image, String prompt, boolean raw, TraceSpec spec) {
        return hooked.trace(prompt(image, prompt, raw).inputs(), spec);
    }

    @Override
    public void close() {
        tokenizer.close();
        model.close();
    }
}
