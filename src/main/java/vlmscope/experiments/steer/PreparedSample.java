package vlmscope.experiments.steer;

import vlmscope.engine.Inputs;
import vlmscope.engine.PreparedPrompt;
import vlmscope.processing.ModelInput;
import vlmscope.processing.Occurrence;
import vlmscope.engine.LoadedModel;

/**
 * A sample turned into engine inputs, with its prompt text.
 *
 * @param sample the sample
 * @param text   the prompt text before formatting
 * @param input  the tokenised, image-expanded prompt
 * @param inputs the engine inputs (ids + pixels)
 */
public record PreparedSample(SteerSample sample, String text, ModelInput input, Inputs inputs) {

    /** Formats, tokenises and preprocesses {@code sample} ({@code raw}: the paper's {@code "<image>\n"} prompt). */
    public static PreparedSample of(LoadedModel lm, SteerSample sample, String text, boolean raw) {
        PreparedPrompt prompt = lm.prompt(sample.image(), text, raw);
        return new PreparedSample(sample, text, prompt.input(), prompt.inputs());
    }

    /** Positions of {@code word} in the prompt (the paper's lastSub rule). */
    public int[] positions(LoadedModel lm, String word, Occurrence which) {
        return lm.locator().positions(input, word, which);
    }
}
