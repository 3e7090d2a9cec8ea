package vlmscope.train;

import vlmscope.organism.Example;
import vlmscope.processing.ClipImageProcessor;
import vlmscope.processing.LlavaProcessor;
import vlmscope.processing.Tokenizer;
import vlmscope.world.Scene;
import vlmscope.world.SceneRenderer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@link Example}s into model inputs with the checkpoint folder's own processors (tokenizer, LLaVA image-token
 * expansion, CLIPImageProcessor), so training sees exactly the ids and pixels the engine sees at inference.
 */
public final class ExampleEncoder implements AutoCloseable {

    private final Tokenizer tokenizer;
    private final LlavaProcessor processor;
    private final ClipImageProcessor images;

    /** Reads the processors of the organism folder {@code dir} (its metadata files must exist). */
    public ExampleEncoder(Path dir) {
        this.tokenizer = Tokenizer.fromPretrained(dir);
        this.processor = LlavaProcessor.fromPretrained(dir, tokenizer);
        this.images = ClipImageProcessor.fromPretrained(dir);
    }

    public EncodedExample encode(Example example) {
        int[] prompt = processor.prepare(example.prompt(), example.frames().size()).ids();
        int[] answer = wordIds(example.answer());
        int[] ids = new int[prompt.length + answer.length];
        System.arraycopy(prompt, 0, ids, 0, prompt.length);
        System.arraycopy(answer, 0, ids, prompt.length, answer.length);
        return new EncodedExample(example.task(), ids, prompt.length, pixels(example.frames()));
    }

    /** Preprocessed pixels [3, S, S] of each frame (a frame repeated in a video is rendered once). */
    public List<float[]> pixels(List<Scene> frames) {
        Map<Scene, float[]> done = new IdentityHashMap<>();
        List<float[]> out = new ArrayList<>();
        for (Scene frame : frames) out.add(done.computeIfAbsent(frame, s -> images.preprocess(SceneRenderer.render(s))));
        return out;
    }

    /** The ids of {@code word} as it follows other text (with its leading space), as answers are encoded. */
    public int[] wordIds(String word) {
        return tokenizer.encode(" " + word, false).ids();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
