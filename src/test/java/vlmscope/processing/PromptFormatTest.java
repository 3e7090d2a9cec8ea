package vlmscope.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.Json;
import vlmscope.VlmscopeException;

/** Fixed prompt formats (docs/paper-mapping.md#prompts) and the checkpoints' Jinja chat templates rendered with Jinjava. */
class PromptFormatTest {

    private static final String Q = "Is the frog to the left of the bottle?";

    @Test
    void fixedFormats() {
        assertEquals("USER: <image>\n" + Q + " ASSISTANT:", PromptFormat.LLAVA_CHAT.render(Q));
        assertEquals("USER: " + Q + " ASSISTANT:", PromptFormat.LLAVA_CHAT.renderTextOnly(Q));
        assertEquals("<image>\n" + Q, PromptFormat.RAW.render(Q));
        assertEquals(Q, PromptFormat.RAW.renderTextOnly(Q));
    }

    @Test
    void everyFixtureTemplateRendersTheLlavaChatFormat() {
        for (Path folder : TokenizerFixtures.folders()) {
            if (!Files.isRegularFile(folder.resolve("chat_template.json"))) {
                continue;
            }
            PromptFormat format = PromptFormat.fromCheckpoint(folder);
            assertEquals("chat-template", format.name(), folder.toString());
            assertEquals("USER: <image>\n" + Q + " ASSISTANT:", format.render(Q), folder.toString());
            assertEquals("USER: " + Q + " ASSISTANT:", format.renderTextOnly(Q), folder.toString());
        }
    }

    @Test
    void llavaTemplatePutsImagesFirstWhateverTheContentOrder() {
        ChatTemplate template = ChatTemplate.fromCheckpoint(TokenizerFixtures.LLAVA_TINY_1234).orElseThrow();
        // docs/paper-mapping.md#prompts: coco_blur.py passes the text first; LLaVA's template still renders the image first.
        List<Map<String, Object>> textFirst = List.of(Map.of("role", "user", "content",
                List.of(Map.of("type", "text", "text", Q), Map.of("type", "image"))));
        assertEquals("USER: <image>\n" + Q + " ASSISTANT:", template.render(textFirst, true));
        assertEquals("USER: <image>\n" + Q + " ", template.render(textFirst, false));
        List<Map<String, Object>> twoImages = List.of(Map.of("role", "user", "content",
                List.of(Map.of("type", "image"), Map.of("type", "image"), Map.of("type", "text", "text", Q))));
        assertEquals("USER: <image>\n<image>\n" + Q + " ASSISTANT:", template.render(twoImages, true));
    }

    @Test
    void noTemplateFallsBackToLlavaChat(@TempDir Path dir) {
        assertSame(PromptFormat.LLAVA_CHAT, PromptFormat.fromCheckpoint(dir));
    }

    @Test
    void tokenizerConfigTemplateWithPythonMethodsTrimBlocksAndSpecialTokens(@TempDir Path dir) throws IOException {
        String template = "{{ bos_token }}{% for m in messages %}\n"
                + "{{ m['role'].upper() }}: {{ m.content.strip() }}\n"
                + "{% endfor %}\n"
                + "{% if add_generation_prompt %}ASSISTANT:{% endif %}\n";
        writeJson(dir.resolve("tokenizer_config.json"), Map.of("chat_template", template,
                "bos_token", Map.of("content", "<s>")));
        ChatTemplate chat = ChatTemplate.fromCheckpoint(dir).orElseThrow();
        List<Map<String, Object>> messages = List.of(Map.of("role", "user", "content", "  hi  "));
        // trim_blocks drops the newline after each block tag; the one trailing newline of the source is dropped.
        assertEquals("<s>USER: hi\nASSISTANT:", chat.render(messages, true));
    }

    @Test
    void namedTemplateListUsesDefault(@TempDir Path dir) throws IOException {
        writeJson(dir.resolve("tokenizer_config.json"), Map.of("chat_template", List.of(
                Map.of("name", "tool_use", "template", "TOOLS"),
                Map.of("name", "default", "template", "{{ messages[0]['content'][0]['text'] }}!"))));
        assertEquals(Q + "!", PromptFormat.fromCheckpoint(dir).renderTextOnly(Q));
    }

    @Test
    void raiseExceptionFailsTheRender(@TempDir Path dir) throws IOException {
        writeJson(dir.resolve("chat_template.json"),
                Map.of("chat_template", "{{ raise_exception('Conversation roles must alternate') }}"));
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> PromptFormat.fromCheckpoint(dir).render(Q));
        assertTrue(e.getMessage().contains("Conversation roles must alternate"), e.getMessage());
    }

    @Test
    void unsupportedTemplateNamesItsFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("chat_template.json");
        writeJson(file, Map.of("chat_template", "{{ messages[0]['role'].startswith('u') }}"));
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> PromptFormat.fromCheckpoint(dir).render(Q));
        assertTrue(e.getMessage().startsWith(file + ": chat template does not render"), e.getMessage());
        assertTrue(e.getMessage().contains("Fix: "), e.getMessage());
    }

    private static void writeJson(Path file, Object value) throws IOException {
        Json.MAPPER.writeValue(file.toFile(), value);
    }
}
