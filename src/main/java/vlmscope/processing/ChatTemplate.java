package vlmscope.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vlmscope.Json;
import vlmscope.VlmscopeException;

/**
 * A checkpoint's Jinja chat template rendered as {@code apply_chat_template(messages, tokenize=False,
 * add_generation_prompt=...)} does, with the Jinjava engine (trim_blocks and lstrip_blocks on, as in HF).
 *
 * <p>Python string methods that Jinjava lacks are rewritten to the equivalent filters before compiling:
 * {@code x.upper()}, {@code x.lower()}, {@code x.strip()}, {@code x.title()} on a variable or subscript chain.
 * {@code raise_exception(msg)} is available and fails the render with the template's message.
 */
public final class ChatTemplate implements PromptFormat {

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final Pattern PY_STRING_METHOD = Pattern.compile(
            "([A-Za-z_]\\w*(?:\\[[^\\[\\]]*\\]|\\.[A-Za-z_]\\w*)*)\\.(upper|lower|strip|title)\\(\\)");
    private static final Map<String, String> FILTER_FOR_METHOD =
            Map.of("upper", "upper", "lower", "lower", "strip", "trim", "title", "title");

    private final Path source;
    private final String template;
    private final Map<String, Object> specialTokens;
    private final Jinjava jinjava;

    /**
     * @param source        file the template came from (for error messages)
     * @param template      Jinja source as stored in the checkpoint
     * @param specialTokens variables such as {@code bos_token}, {@code eos_token} that HF passes to templates
     */
    public ChatTemplate(Path source, String template, Map<String, String> specialTokens) {
        this.source = source;
        this.template = toJinjava(stripOneTrailingNewline(template));
        this.specialTokens = Map.copyOf(specialTokens);
        this.jinjava = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true).build());
        this.jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition(
                "", "raise_exception", ChatTemplate.class, "raiseException", String.class));
    }

    /**
     * Reads {@code dir/chat_template.json} (key {@code chat_template}), else {@code chat_template} in
     * {@code dir/tokenizer_config.json} (a string, or a list of named templates of which "default" is used).
     * Special-token variables come from tokenizer_config.json.
     */
    public static Optional<ChatTemplate> fromCheckpoint(Path dir) {
        Path configFile = dir.resolve("tokenizer_config.json");
        return fromCheckpoint(dir, Files.isRegularFile(configFile) ? CheckpointJson.read(configFile) : JSON.createObjectNode());
    }

    /** As {@link #fromCheckpoint(Path)}, with {@code tokenizer_config.json} already read (an empty object if absent). */
    public static Optional<ChatTemplate> fromCheckpoint(Path dir, JsonNode config) {
        Path configFile = dir.resolve("tokenizer_config.json");
        Map<String, String> specialTokens = new HashMap<>();
        for (String key : List.of("bos_token", "eos_token", "unk_token", "pad_token")) {
            JsonNode node = config.get(key);
            if (node != null && !node.isNull()) {
                specialTokens.put(key, node.isTextual() ? node.asText() : node.path("content").asText());
            }
        }
        Path templateFile = dir.resolve("chat_template.json");
        if (Files.isRegularFile(templateFile)) {
            return Optional.of(new ChatTemplate(templateFile,
                    templateText(templateFile, CheckpointJson.read(templateFile).get("chat_template")), specialTokens));
        }
        if (config.hasNonNull("chat_template")) {
            return Optional.of(new ChatTemplate(configFile, templateText(configFile, config.get("chat_template")),
                    specialTokens));
        }
        return Optional.empty();
    }

    /**
     * Renders {@code messages} (each a map with "role" and "content", content a string or a list of parts such as
     * {@code {"type":"image"}} and {@code {"type":"text","text":...}}).
     */
    public String render(List<Map<String, Object>> messages, boolean addGenerationPrompt) {
        Map<String, Object> context = new HashMap<>(specialTokens);
        context.put("messages", messages);
        context.put("add_generation_prompt", addGenerationPrompt);
        RenderResult result = jinjava.renderForResult(template, context);
        List<TemplateError> fatal = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).toList();
        for (TemplateError error : fatal) {
            for (Throwable t = error.getException(); t != null; t = t.getCause()) {
                if (t instanceof VlmscopeException raised) {
                    throw VlmscopeException.badInput(source, raised.getMessage(),
                            "change the messages so that the template accepts them");
                }
            }
        }
        if (!fatal.isEmpty()) {
            throw VlmscopeException.badInput(source, "chat template does not render ("
                    + fatal.stream().map(TemplateError::getMessage).collect(Collectors.joining("; ")) + ")",
                    "use --prompt-format llava-chat or raw, or simplify the template");
        }
        return result.getOutput();
    }

    @Override
    public String name() {
        return "chat-template";
    }

    /** A user turn with the image first, then the text (docs/paper-mapping.md#prompts), and the generation prompt. */
    @Override
    public String render(String text) {
        return render(List.of(Map.of("role", "user", "content",
                List.of(Map.of("type", "image"), Map.of("type", "text", "text", text)))), true);
    }

    @Override
    public String renderTextOnly(String text) {
        return render(List.of(Map.of("role", "user", "content",
                List.of(Map.of("type", "text", "text", text)))), true);
    }

    /** Called by templates as {@code raise_exception(msg)}. */
    public static String raiseException(String message) {
        throw new VlmscopeException("chat template raised: " + message);
    }

    private static String toJinjava(String template) {
        Matcher m = PY_STRING_METHOD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(
                    "(" + m.group(1) + "|" + FILTER_FOR_METHOD.get(m.group(2)) + ")"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Jinja2 (keep_trailing_newline=False, HF's setting) drops one trailing newline of the template source. */
    private static String stripOneTrailingNewline(String template) {
        return template.endsWith("\n") ? template.substring(0, template.length() - 1) : template;
    }

    private static String templateText(Path file, JsonNode node) {
        if (node != null && node.isTextual()) {
            return node.asText();
        }
        if (node != null && node.isArray()) {
            for (JsonNode named : node) {
                if ("default".equals(named.path("name").asText())) {
                    return named.path("template").asText();
                }
            }
        }
        throw VlmscopeException.badInput(file, "chat_template is neither a string nor a list with a \"default\" entry",
                "store the Jinja template as a string under \"chat_template\"");
    }

}
