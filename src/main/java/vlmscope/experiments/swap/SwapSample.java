package vlmscope.experiments.swap;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One swap item: a clean image, its counterfactual, and the question asked of both.
 *
 * @param id             stable id used in result keys (e.g. "w3", or "139-left" for COCO as the paper keys it)
 * @param clean          the original image
 * @param counterfactual the mirrored / recoloured / colour-swapped image (same size)
 * @param question       the bare question, e.g. "Is the dog to the left or right of the cat?"
 * @param choices        the two answer words in the order the instruction names them
 * @param truth          the correct answer for the clean image
 * @param objectWords    the object words of the question, subject first
 * @param adjectiveWords colour adjectives the question puts before the object words (empty when none)
 */
public record SwapSample(String id, BufferedImage clean, BufferedImage counterfactual, String question,
                         List<String> choices, String truth, List<String> objectWords, List<String> adjectiveWords) {

    public SwapSample {
        choices = List.copyOf(choices);
        objectWords = List.copyOf(objectWords);
        adjectiveWords = List.copyOf(adjectiveWords);
        if (choices.size() != 2) throw new IllegalArgumentException("a swap question has two answers: " + choices);
    }
}
