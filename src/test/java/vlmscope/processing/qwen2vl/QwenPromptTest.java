package vlmscope.processing.qwen2vl;

import vlmscope.model.qwen2vl.QwenPixels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vlmscope.VlmscopeException;
import vlmscope.processing.ChatTemplate;
import vlmscope.processing.ImageLoader;
import vlmscope.processing.TokenizedText;
import vlmscope.processing.Tokenizer;
import vlmscope.processing.WordLocator;

/**
 * The fixture's chat template renders through the project's Jinja engine to the prompt HF's Jinja rendered, and the
 * expanded prompt tokenises (tokenizer.json via HF tokenizers) to the ids HF's slow Qwen2Tokenizer produced; the word
 * locator's {@code Ġword} piece finds the object words where HF's ids have them.
 */
class QwenPromptTest {

    static Stream<QwenFixtures.Case> cases() {
        return QwenFixtures.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void promptAndIdsEqualHuggingFace(QwenFixtures.Case c) {
        String prompt = ChatTemplate.fromCheckpoint(c.folder()).orElseThrow().render(c.expected().get("question").asText());
        assertEquals(c.expected().get("prompt").asText(), prompt);
        QwenPixels px = Qwen2VLImageProcessor.fromPretrained(c.folder())
                .preprocess(ImageLoader.read(c.folder().resolve(c.expected().get("image").asText())));
        try (Tokenizer tok = Tokenizer.fromPretrained(c.folder())) {
            TokenizedText text = tok.encode(QwenImagePads.expand(prompt, List.of(px)), false);
            assertArrayEquals(QwenFixtures.ints(c.expected().get("input_ids")), text.ids());
            for (var word : c.expected().get("object_words").properties()) {
                String piece = new WordLocator(tok).lastPiece(word.getKey());
                assertEquals("Ġ" + word.getKey(), piece);
                int[] found = IntStream.range(0, text.size()).filter(i -> text.tokens()[i].equals(piece)).toArray();
                assertArrayEquals(QwenFixtures.ints(word.getValue()), found, word.getKey());
            }
        }
    }

    @Test
    void aPromptWithoutAnImagePlaceholderIsRefused() {
        QwenPixels px = new QwenPixels(new float[4 * 8], 1, 2, 2, 2);
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> QwenImagePads.expand("Is the dog left?", List.of(px)));
        assertTrue(e.getMessage().contains("0 <|image_pad|> placeholder(s) for 1 image(s)") && e.getMessage().contains("Fix: "),
                e.getMessage());
    }
}
