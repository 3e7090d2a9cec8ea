package vlmscope.world;

import java.util.List;

/**
 * One question about a scene or video, in the paper's forms (see {@link QuestionForms}).
 *
 * @param task        the question family
 * @param question    the bare question, e.g. "Is the star to the left or right of the cup?"
 * @param instruction the answer instruction, e.g. "Answer left or right."
 * @param answer      the correct answer word, one of {@code choices}
 * @param choices     the possible answer words
 * @param objectWords the object words the question names, in order of appearance (subject first)
 */
public record QaItem(QaTask task, String question, String instruction, String answer, List<String> choices,
                     List<String> objectWords) {

    public QaItem {
        choices = List.copyOf(choices);
        objectWords = List.copyOf(objectWords);
        if (!choices.contains(answer)) throw new IllegalArgumentException(answer + " is not one of " + choices);
    }

    /** The question followed by its instruction. */
    public String prompt() {
        return question + " " + instruction;
    }
}
