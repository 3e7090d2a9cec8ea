package vlmscope.experiments.swap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.VlmscopeException;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.processing.Tokenizer;

import java.util.List;
import java.util.Locale;

/**
 * How a swap question becomes a prompt, and which vocabulary pieces are read as the answers.
 *
 * <p>Two styles, chosen from the tokenizer unless given: {@code PAPER} for SentencePiece (Llama) vocabularies — the
 * paper's raw LLaVA prompt {@code "<image>\nQUESTION: {question} Answer {a} or {b}. ANSWER: "} (under
 * {@code --paper-compat} without the space after "?", docs/paper-mapping.md#swap) with the answer pieces spelled exactly as the
 * words ({@code left}, {@code right}: continuation pieces with no ▁, which follow the prompt's trailing ▁, docs/paper-mapping.md#answer-words);
 * {@code WORLD} for word-level vocabularies such as the organism's — the world's question form
 * {@code "{question} Answer {a} or {b}."} in the checkpoint's chat template, answers = the words' own tokens.
 *
 * @param template text with {@code {question}}, {@code {a}} and {@code {b}} placeholders
 * @param raw      the paper's raw {@code "<image>\n" + text} instead of the checkpoint's chat template
 */
public record SwapPrompt(Style style, String template, boolean raw) {

    /** Prompt conventions; see the type's documentation. */
    public enum Style {
        PAPER, WORLD;

        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Style parse(String name) {
            for (Style s : values()) if (s.cliName().equals(name)) return s;
            throw new VlmscopeException("unknown prompt style '" + name + "'. Fix: use paper or world");
        }
    }

    /** The paper's template (fixed: a space after the question; paper-compat: none, as the paper's code). */
    public static String paperTemplate(boolean paperCompat) {
        return "QUESTION: {question}" + (paperCompat ? "" : " ") + "Answer {a} or {b}. ANSWER: ";
    }

    public static final String WORLD_TEMPLATE = "{question} Answer {a} or {b}.";

    /** SentencePiece vocabularies (they have the bare "▁" piece) get the paper style, others the world style. */
    public static Style detect(Tokenizer tokenizer) {
        return tokenizer.tokenToId("▁").isPresent() ? Style.PAPER : Style.WORLD;
    }

    /** The defaults of a style, with an optional template and format override (null = default). */
    public static SwapPrompt of(Style style, boolean paperCompat, String template, Boolean raw) {
        String t = template != null ? template : style == Style.PAPER ? paperTemplate(paperCompat) : WORLD_TEMPLATE;
        if (!t.contains("{question}")) {
            throw new VlmscopeException("prompt template '" + t + "' has no {question}. Fix: include {question}, e.g. '"
                    + WORLD_TEMPLATE + "'");
        }
        return new SwapPrompt(style, t, raw != null ? raw : style == Style.PAPER);
    }

    /** The prompt text (before the raw/chat rendering) for a question and its two answers. */
    public String text(String question, List<String> choices) {
        return template.replace("{question}", question).replace("{a}", choices.get(0)).replace("{b}", choices.get(1));
    }

    public ObjectNode settings() {
        ObjectNode s = ExperimentOutput.object();
        s.put("style", style.cliName());
        s.put("template", template);
        s.put("format", raw ? "raw" : "chat");
        return s;
    }
}
