package vlmscope.processing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import vlmscope.Json;

/**
 * Every case of every fixture folder: prompt rendering, expanded input_ids, image span and object-word positions
 * against the values HF transformers v4.45.2 produced (fixtures/README.md, "Expected-value JSON").
 */
class LlavaProcessorFixtureTest {

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final Pattern LLAVA_CHAT_PROMPT = Pattern.compile("USER: <image>\n(.*) ASSISTANT:", Pattern.DOTALL);

    private static final List<Tokenizer> OPEN_TOKENIZERS = new ArrayList<>();

    @AfterAll
    static void closeTokenizers() {
        OPEN_TOKENIZERS.forEach(Tokenizer::close);
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureCase() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path folder : TokenizerFixtures.folders()) {
            Tokenizer tokenizer = Tokenizer.fromPretrained(folder);
            OPEN_TOKENIZERS.add(tokenizer);
            JsonNode index = JSON.readTree(folder.resolve("expected/index.json").toFile());
            JsonNode top = index.path("resolved_config").path("top");
            for (JsonNode caseName : index.path("cases")) {
                Path caseFile = folder.resolve("expected/" + caseName.asText() + ".json");
                tests.add(dynamicTest(folder.getFileName() + "/" + caseName.asText(),
                        () -> checkCase(folder, tokenizer, top, JSON.readTree(caseFile.toFile()))));
            }
        }
        return tests.stream();
    }

    private static void checkCase(Path folder, Tokenizer tokenizer, JsonNode top, JsonNode expected) {
        int imageSeqLength = top.path("image_seq_length").asInt();
        LlavaProcessor processor = new LlavaProcessor(tokenizer, "<image>",
                top.path("image_token_index").asInt(), imageSeqLength);
        LlavaProcessor fromFolder = LlavaProcessor.fromPretrained(folder, tokenizer);
        assertEquals(imageSeqLength, fromFolder.imageSeqLength(), "image_seq_length read from config.json");
        assertEquals(processor.imageTokenId(), fromFolder.imageTokenId(), "image_token_index from config.json");

        String prompt = expected.path("prompt").asText();
        Matcher chat = LLAVA_CHAT_PROMPT.matcher(prompt);
        if (chat.matches()) {
            String question = chat.group(1);
            assertEquals(prompt, PromptFormat.LLAVA_CHAT.render(question), "LLAVA_CHAT rendering");
            Optional<ChatTemplate> template = ChatTemplate.fromCheckpoint(folder);
            template.ifPresent(t -> assertEquals(prompt, t.render(question), "checkpoint chat template"));
        }

        ModelInput input = processor.prepare(prompt, 1);
        int[] expectedIds = ints(expected.path("input_ids"));
        assertArrayEquals(expectedIds, input.ids(), "input_ids");
        assertEquals(expected.path("seq_len").asInt(), input.length(), "seq_len");
        assertArrayEquals(ints(expected.path("image_token_span")),
                new int[] {input.imageStart(), input.imageEnd()}, "image_token_span");
        assertEquals(1, input.imageSpans().size(), "one image span");
        IntStream.range(input.imageStart(), input.imageEnd())
                .forEach(i -> assertEquals("<image>", input.tokens()[i], "token at image position " + i));
        for (JsonNode posToken : expected.path("tokens_outside_image")) {
            int position = posToken.get(0).asInt();
            assertEquals(posToken.get(1).asText(), input.tokens()[position], "token at position " + position);
        }
        assertArrayEquals(tokenizer.tokens(input.ids()), input.tokens(), "tokens = convert_ids_to_tokens(ids)");

        WordLocator locator = new WordLocator(tokenizer);
        for (JsonNode objectWord : expected.path("object_words")) {
            String word = objectWord.path("word").asText();
            int[] positions = locator.positions(input, word, Occurrence.ALL);
            assertArrayEquals(ints(objectWord.path("positions")), positions, "positions of '" + word + "'");
            String[] tokens = IntStream.of(positions).mapToObj(i -> input.tokens()[i]).toArray(String[]::new);
            assertArrayEquals(strings(objectWord.path("tokens")), tokens, "tokens of '" + word + "'");
        }
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    private static String[] strings(JsonNode array) {
        String[] values = new String[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asText();
        }
        return values;
    }
}
