package vlmscope.engine;

import vlmscope.VlmscopeException;
import vlmscope.model.Checkpoint;
import vlmscope.model.LoadOptions;
import vlmscope.model.registry.ModelRegistry;
import vlmscope.model.qwen2vl.Qwen2VLConfig;
import vlmscope.model.qwen2vl.Qwen2VLModel;
import vlmscope.model.Precision;
import vlmscope.model.VisionLanguageModel;
import vlmscope.processing.ClipImageProcessor;
import vlmscope.processing.ImageLoader;
import vlmscope.processing.ModelInput;
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
    private final FamilyProcessing processing;
    private final WordLocator locator;

    private LoadedModel(Checkpoint checkpoint, LoadOptions options) {
        this.dir = checkpoint.directory();
        this.model = ModelRegistry.load(checkpoint, options);
        Tokenizer tok = null;
        try {
            tok = Tokenizer.fromPretrained(dir, checkpoint.tokenizerConfig());
            this.processing = processing(checkpoint, tok, model);
            this.locator = new WordLocator(tok);
        } catch (RuntimeException e) {
            if (tok != null) tok.close();
            model.close();
            throw e;
        }
        this.tokenizer = tok;
        this.hooked = new HookedModel(model);
    }

    /** The family's processor (HF's processor class for the model_type). */
    private static FamilyProcessing processing(Checkpoint checkpoint, Tokenizer tokenizer, VisionLanguageModel model) {
        return switch (checkpoint.modelType()) {
            case Qwen2VLConfig.QWEN2_VL, Qwen2VLConfig.QWEN2_5_VL -> new QwenProcessing(checkpoint, tokenizer, (Qwen2VLModel) model);
            default -> new LlavaProcessing(checkpoint, tokenizer, model);
        };
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

    /** LLaVA's CLIP image processor; a Qwen checkpoint has none of fixed size (use {@link #pixels(BufferedImage)}). */
    public ClipImageProcessor imageProcessor() {
        if (processing instanceof LlavaProcessing llava) return llava.imageProcessor();
        throw new VlmscopeException("this command preprocesses images for a fixed-size CLIP tower, but " + dir
                + " is a " + model.modelType() + " checkpoint. Fix: run it with a LLaVA checkpoint");
    }

    /**
     * The prompt string for {@code text}: the raw form (LLaVA: the paper's {@code "<image>\n" + text}; Qwen: the
     * image block then the text) or the checkpoint's chat format.
     */
    public String render(String text, boolean raw, boolean withImage) {
        return processing.render(text, raw, withImage);
    }

    /**
     * Tokenises a rendered prompt, expanding each image placeholder into the image-token run of an image of the
     * model's nominal size (Qwen's token count depends on the image: use {@link #prepare(String, List)} for others).
     */
    public ModelInput prepare(String renderedPrompt, int numImages) {
        return processing.prepare(renderedPrompt, numImages);
    }

    /** Tokenises a rendered prompt, expanding its i-th image placeholder for the i-th preprocessed image. */
    public ModelInput prepare(String renderedPrompt, List<float[]> pixels) {
        return processing.prepare(renderedPrompt, pixels);
    }

    /** The image placeholder as it appears in a rendered prompt (LLaVA: {@code <image>}; Qwen: the vision block). */
    public String imageMarker() {
        return processing.imageMarker();
    }

    /** Preprocesses an image into the family's pixel array (LLaVA: [3, S, S]). */
    public float[] pixels(BufferedImage image) {
        return processing.pixels(image);
    }

    /** Reads and preprocesses an image file. */
    public float[] pixels(Path image) {
        return pixels(ImageLoader.read(image));
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
        List<float[]> px = image == null ? List.of() : List.of(pixels(image));
        ModelInput input = prepare(render(text, raw, image != null), px);
        return new PreparedPrompt(input, new Inputs(input.ids(), px));
    }

    /** As {@link #prompt(BufferedImage, String, boolean)} for an image file (null for a text-only prompt). */
    public PreparedPrompt prompt(Path imageFile, String text, boolean raw) {
        return prompt(imageFile == null ? null : ImageLoader.read(imageFile), text, raw);
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
