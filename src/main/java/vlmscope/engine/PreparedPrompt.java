package vlmscope.engine;

import vlmscope.processing.ModelInput;

/**
 * A prompt ready for the engine.
 *
 * @param input  the rendered, tokenised, image-expanded prompt (its token strings locate words)
 * @param inputs the engine inputs: the same ids and the preprocessed image, if any
 */
public record PreparedPrompt(ModelInput input, Inputs inputs) {
}
