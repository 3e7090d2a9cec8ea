package vlmscope.processing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.VlmscopeException;

/** Image-token expansion as HF LlavaProcessor v4.45 does it (fixtures/README.md 9-10, docs/paper-mapping.md#prompts). */
class LlavaProcessorTest {

    private static final int IMAGE = 32000;
    private static Tokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = Tokenizer.fromPretrained(TokenizerFixtures.LLAVA_TINY_1234);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void hfTestPromptExpandsTo593Ids() {
        String prompt = "USER: <image>\nDescribe the image:\nASSISTANT:";
        ModelInput input = new LlavaProcessor(tokenizer, "<image>", IMAGE, 576).prepare(prompt, 1);
        assertEquals(593, input.length());
        assertEquals(576, Arrays.stream(input.ids()).filter(id -> id == IMAGE).count());
        assertEquals(List.of(new ModelInput.Span(5, 581)), input.imageSpans());
        assertEquals(prompt, input.prompt());
        // Expansion only multiplies the marker: the other ids are those of the unexpanded prompt.
        int[] unexpanded = tokenizer.encode(prompt, true).ids(); // [18]
        assertEquals(18, unexpanded.length);
        assertArrayEquals(Arrays.copyOfRange(unexpanded, 0, 5), Arrays.copyOfRange(input.ids(), 0, 5));
        assertArrayEquals(Arrays.copyOfRange(unexpanded, 6, 18), Arrays.copyOfRange(input.ids(), 581, 593));
    }

    @Test
    void rawPathShiftsUnexpandedIndicesBy575() {
        String prompt = PromptFormat.RAW.render("QUESTION: Is the dog left of the person? ANSWER: ");
        ModelInput input = new LlavaProcessor(tokenizer, "<image>", IMAGE, 576).prepare(prompt, 1);
        assertEquals(new ModelInput.Span(1, 577), input.imageSpans().getFirst());
        String[] unexpanded = tokenizer.encode(prompt, true).tokens();
        assertArrayEquals(new String[] {"<s>", "<image>", "▁", "<0x0A>", "QUEST", "ION", ":", "▁Is"},
                Arrays.copyOf(unexpanded, 8));
        assertEquals("▁", unexpanded[unexpanded.length - 1], "standalone trailing ▁ (docs/paper-mapping.md#prompts)");
        for (int i = 2; i < unexpanded.length; i++) {
            assertEquals(unexpanded[i], input.tokens()[i + 575], "unexpanded index " + i);
        }
    }

    @Test
    void severalImagesGiveOneSpanEach() {
        LlavaProcessor processor = new LlavaProcessor(tokenizer, "<image>", IMAGE, 4);
        ModelInput separated = processor.prepare("USER: <image>\n<image>\nWhich came first? ASSISTANT:", 2);
        assertEquals(List.of(new ModelInput.Span(5, 9), new ModelInput.Span(11, 15)), separated.imageSpans());
        ModelInput adjacent = processor.prepare("<image><image><image>\nWhich came first?", 3);
        assertEquals(List.of(new ModelInput.Span(1, 5), new ModelInput.Span(5, 9), new ModelInput.Span(9, 13)),
                adjacent.imageSpans());
        IntStream.range(1, 13).forEach(i -> assertEquals(IMAGE, adjacent.ids()[i]));
    }

    @Test
    void textOnlyPromptHasNoImage() {
        LlavaProcessor processor = new LlavaProcessor(tokenizer, "<image>", IMAGE, 576);
        ModelInput input = processor.prepareTextOnly(PromptFormat.LLAVA_CHAT.renderTextOnly("Is it left?"));
        assertArrayEquals(tokenizer.encode("USER: Is it left? ASSISTANT:", true).ids(), input.ids());
        assertTrue(input.imageSpans().isEmpty());
        assertThrows(VlmscopeException.class, input::imageStart);
        assertThrows(VlmscopeException.class, () -> processor.prepareTextOnly("USER: <image>\nIs it left? ASSISTANT:"));
    }

    @Test
    void markerCountMustMatchImageCount() {
        LlavaProcessor processor = new LlavaProcessor(tokenizer, "<image>", IMAGE, 576);
        VlmscopeException e = assertThrows(VlmscopeException.class,
                () -> processor.prepare("USER: Is it left? ASSISTANT:", 1));
        assertTrue(e.getMessage().startsWith("the prompt has 0 '<image>' marker(s) but 1 image(s) were given"),
                e.getMessage());
    }

    @Test
    void imageTokenMustBeTheTokenizersAddedToken() {
        assertThrows(VlmscopeException.class, () -> new LlavaProcessor(tokenizer, "<image>", 32001, 576));
        assertThrows(VlmscopeException.class, () -> new LlavaProcessor(tokenizer, "<img>", IMAGE, 576));
        assertThrows(VlmscopeException.class, () -> new LlavaProcessor(tokenizer, "<image>", IMAGE, 0));
    }

    @Test
    void imageSeqLengthFromVisionConfigWhenConfigOmitsIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"vision_config\": {\"image_size\": 336, \"patch_size\": 14}}");
        assertEquals(576, LlavaProcessor.fromPretrained(dir, tokenizer).imageSeqLength());
        Files.writeString(dir.resolve("config.json"), "{\"vision_config\": {\"image_size\": 336, \"patch_size\": 14},"
                + " \"vision_feature_select_strategy\": \"full\"}");
        assertEquals(577, LlavaProcessor.fromPretrained(dir, tokenizer).imageSeqLength());
        Files.writeString(dir.resolve("config.json"), "{}");
        assertEquals(49, LlavaProcessor.fromPretrained(dir, tokenizer).imageSeqLength(), "CLIP defaults 224 / 32");
        assertEquals(IMAGE, LlavaProcessor.fromPretrained(dir, tokenizer).imageTokenId());
    }

    @Test
    void missingConfigIsNamed(@TempDir Path dir) {
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> LlavaProcessor.fromPretrained(dir, tokenizer));
        assertTrue(e.getMessage().startsWith(dir.resolve("config.json") + ": "), e.getMessage());
    }
}
