package vlmscope.organism;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.model.llava.LlavaConfig;
import vlmscope.processing.ClipImageProcessor;
import vlmscope.processing.LlavaProcessor;
import vlmscope.processing.ModelInput;
import vlmscope.processing.Tokenizer;
import vlmscope.world.QaTask;
import vlmscope.world.SceneRenderer;
import vlmscope.world.WorldRandom;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The organism folder's metadata read back by the project's own readers (what the engine and CLI use). */
class OrganismFilesTest {

    @TempDir
    Path dir;

    @Test
    void everyWorldTextTokenizesWithoutUnknownWords() {
        OrganismVocabulary vocab = OrganismWorld.vocabulary(4);
        OrganismFiles.writeMetadata(dir, OrganismSpec.standard(vocab.size()), vocab);
        OrganismWorld world = new OrganismWorld(64, 4, HeldOutSplit.standard());
        try (Tokenizer tokenizer = Tokenizer.fromPretrained(dir)) {
            LlavaProcessor processor = LlavaProcessor.fromPretrained(dir, tokenizer);
            for (int i = 0; i < 20; i++) {
                for (QaTask task : OrganismWorld.TASKS) {
                    Example e = world.question(task, i % 2 == 0, WorldRandom.forItem(5, "files", i));
                    check(processor, tokenizer, e, vocab);
                }
                check(processor, tokenizer, world.caption(WorldRandom.forItem(5, "caption", i)), vocab);
                check(processor, tokenizer, world.grounding(WorldRandom.forItem(5, "ground", i)), vocab);
                check(processor, tokenizer, world.absolute(i % 2 == 0, WorldRandom.forItem(5, "absolute", i)), vocab);
            }
        }
    }

    private static void check(LlavaProcessor processor, Tokenizer tokenizer, Example e, OrganismVocabulary vocab) {
        ModelInput input = processor.prepare(e.prompt(), e.frames().size());
        assertEquals(vocab.bosId(), input.ids()[0], "BOS first");
        assertEquals(e.frames().size(), input.imageSpans().size());
        for (ModelInput.Span span : input.imageSpans()) assertEquals(16, span.end() - span.start());
        for (int id : input.ids()) assertTrue(id != vocab.id(OrganismVocabulary.UNK), "unknown word in " + e.prompt());
        int[] answer = tokenizer.encode(" " + e.answer(), false).ids();
        assertEquals(e.answer().split(" ").length, answer.length, e.answer());
        for (int id : answer) assertFalse(id == vocab.id(OrganismVocabulary.UNK), "unknown word in " + e.answer());
        assertEquals("assistant", input.tokens()[input.tokens().length - 2]);
    }

    /** The organism's files are written through a temp file and a rename, and must not come out owner-only (0600). */
    @Test
    void writtenFilesAreReadableByOthers() throws java.io.IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        OrganismVocabulary vocab = OrganismWorld.vocabulary(4);
        OrganismFiles.writeMetadata(dir, OrganismSpec.standard(vocab.size()), vocab);
        for (String name : new String[]{"config.json", "tokenizer.json", "preprocessor_config.json"}) {
            var mode = java.nio.file.Files.getPosixFilePermissions(dir.resolve(name));
            assertTrue(mode.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)
                    && mode.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ), name + ": " + mode);
        }
    }

    @Test
    void configAndPreprocessorDescribeTheOrganism() {
        OrganismVocabulary vocab = OrganismWorld.vocabulary(4);
        OrganismSpec spec = OrganismSpec.standard(vocab.size());
        OrganismFiles.writeMetadata(dir, spec, vocab);
        LlavaConfig config = LlavaConfig.load(dir);
        assertEquals(vocab.size(), config.text().vocabSize());
        assertEquals(16, config.imageSeqLength());
        assertEquals(vocab.imageId(), config.imageTokenIndex());
        assertFalse(config.text().tieWordEmbeddings());
        assertEquals(spec.textLayers(), config.text().numLayers());
        assertEquals(spec.visionLayers(), config.visionLayersNeeded());

        // the resize and crop are the identity on the canvas: pixel values are (v / 255 - mean) / std
        OrganismWorld world = new OrganismWorld(64, 4, HeldOutSplit.standard());
        BufferedImage image = SceneRenderer.render(world.gridScene(WorldRandom.forItem(2, "px", 0)));
        float[] px = ClipImageProcessor.fromPretrained(dir).preprocess(image);             // [3, 64, 64]
        double[] mean = {0.48145466, 0.4578275, 0.40821073}, std = {0.26862954, 0.26130258, 0.27577711};
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int rgb = image.getRGB(x, y);
                int[] c = {(rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255};
                for (int ch = 0; ch < 3; ch++) {
                    double expected = ((float) (c[ch] / 255.0) - (float) mean[ch]) / (float) std[ch];
                    assertEquals(expected, px[(ch * 64 + y) * 64 + x], 1e-5);
                }
            }
        }
    }

    @Test
    void heldOutSplitIsFixedAndNonTrivial() {
        HeldOutSplit split = HeldOutSplit.standard();
        assertEquals(18, split.pairCount());     // int(0.15 * 120) of the 16 kinds' unordered pairs
        assertEquals(16, split.comboCount());    // 128 kind-colour combinations / 8
        OrganismWorld world = new OrganismWorld(64, 4, split);
        for (int i = 0; i < 30; i++) {
            assertTrue(world.trainable(world.denseScene(WorldRandom.forItem(4, "dense", i)).objects()));
        }
    }
}
