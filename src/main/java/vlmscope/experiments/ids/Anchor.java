package vlmscope.experiments.ids;

import vlmscope.VlmscopeException;
import vlmscope.world.QaTask;
import vlmscope.world.QuestionForms;

import java.util.Arrays;
import java.util.List;

/**
 * A text-only anchor (docs/paper-mapping.md#ids, appendix A19): a prompt run without an image, and the words whose first
 * occurrence is read and projected onto the ID plane. A prompt containing {@code {word}} is run once per word
 * with the word substituted ("plain" prompts); otherwise once for all its words ("spatial" prompts).
 */
public record Anchor(String name, String prompt, List<String> words) {

    public Anchor {
        words = List.copyOf(words);
        if (name.isBlank() || name.contains("/")) throw new VlmscopeException("anchor name '" + name + "' is empty or has '/'. Fix: use a plain name");
        if (words.isEmpty()) throw new VlmscopeException("anchor " + name + " reads no words. Fix: list them after '|'");
    }

    /** The prompt text for one word. */
    public String promptFor(String word) {
        return prompt.replace("{word}", word);
    }

    /** Whether each word needs its own forward pass. */
    public boolean perWord() {
        return prompt.contains("{word}");
    }

    /** Parses {@code NAME=PROMPT|w1,w2}. */
    public static Anchor parse(String spec) {
        int eq = spec.indexOf('='), bar = spec.lastIndexOf('|');
        if (eq < 1 || bar < eq)
            throw new VlmscopeException("--anchor '" + spec + "' is not NAME=PROMPT|w1,w2. Fix: e.g. --anchor 'lr=Is the cat to the left or right of the dog?|left,right'");
        return new Anchor(spec.substring(0, eq), spec.substring(eq + 1, bar),
                Arrays.stream(spec.substring(bar + 1).split(",")).map(String::strip).filter(w -> !w.isEmpty()).toList());
    }

    /**
     * The default anchors for pair (a, b): the extraction's left/right question and the world's above/below question
     * (spatial prompts, words left/right and above/below), and each of the four words alone (plain prompts).
     */
    public static List<Anchor> defaults(IdsSettings settings, String a, String b) {
        return List.of(
                new Anchor("spatial_lr", settings.question(a, b), List.of("left", "right")),
                new Anchor("spatial_ab", QuestionForms.aboveBelow(b, a) + " " + QuestionForms.instruction(QaTask.ABOVE_BELOW),
                        List.of("above", "below")),
                new Anchor("plain", "{word}", List.of("left", "right", "above", "below")));
    }
}
