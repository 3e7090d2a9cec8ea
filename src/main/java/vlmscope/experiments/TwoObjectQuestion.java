package vlmscope.experiments;

import vlmscope.world.QaItem;

/**
 * A sample that asks a two-way relation question about two named objects: {@code objectWords} = (subject,
 * reference), the answer one of two choices.
 */
public interface TwoObjectQuestion {

    /** The question; its first object word is the subject, its second the reference. */
    QaItem question();

    default String subject() {
        return question().objectWords().get(0);
    }

    default String reference() {
        return question().objectWords().get(1);
    }

    /** The true answer word. */
    default String correct() {
        return question().answer();
    }

    /** The other answer word. */
    default String wrong() {
        return question().choices().stream().filter(c -> !c.equals(question().answer())).findFirst().orElseThrow();
    }
}
