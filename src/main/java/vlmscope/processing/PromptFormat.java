package vlmscope.processing;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;

/**
 * Turns a user's text into the prompt string a model sees (before tokenization and image-token expansion).
 * The image, when present, is one {@code <image>} marker placed as the model's template places it.
 */
public interface PromptFormat {

    /** LLaVA-1.5 conversation: {@code "USER: <image>\n" + text + " ASSISTANT:"}; text only: {@code "USER: " + text + " ASSISTANT:"}. */
    PromptFormat LLAVA_CHAT = new Fixed("llava-chat", "USER: <image>\n", "USER: ", " ASSISTANT:");

    /** The paper's raw LLaVA path (docs/paper-mapping.md#prompts): {@code "<image>\n" + text}; text only: the text itself. */
    PromptFormat RAW = new Fixed("raw", "<image>\n", "", "");

    /** A short name for result headers. */
    String name();

    /** One user turn with one image (placed where the format puts images) and {@code text}. */
    String render(String text);

    /** One user turn with {@code text} and no image. */
    String renderTextOnly(String text);

    /**
     * The checkpoint's own chat template ({@code chat_template.json}, else {@code tokenizer_config.json}'s
     * {@code chat_template}); {@link #LLAVA_CHAT} when the folder has none.
     */
    static PromptFormat fromCheckpoint(Path dir) {
        return ChatTemplate.fromCheckpoint(dir).map(PromptFormat.class::cast).orElse(LLAVA_CHAT);
    }

    /** As {@link #fromCheckpoint(Path)}, with {@code tokenizer_config.json} already read. */
    static PromptFormat fromCheckpoint(Path dir, JsonNode tokenizerConfig) {
        return ChatTemplate.fromCheckpoint(dir, tokenizerConfig).map(PromptFormat.class::cast).orElse(LLAVA_CHAT);
    }

    /** A format given by fixed strings around the text. */
    record Fixed(String name, String imagePrefix, String textOnlyPrefix, String suffix) implements PromptFormat {

        @Override
        public String render(String text) {
            return imagePrefix + text + suffix;
        }

        @Override
        public String renderTextOnly(String text) {
            return textOnlyPrefix + text + suffix;
        }
    }
}
