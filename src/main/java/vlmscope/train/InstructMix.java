package vlmscope.train;

import vlmscope.organism.OrganismWorld;

import java.util.ArrayList;
import java.util.List;

/**
 * What the instruction stage trains on. The standard mix (the committed organism's recipe) draws one task per batch:
 * alignment captions with probability 0.1, otherwise one of the seven QA tasks uniformly. A custom mix draws the
 * task of every example independently and uniformly from {@code tasks} (a task listed twice is drawn twice as
 * often), and weighs every example equally in the loss whatever its answer length.
 *
 * @param tasks        task keys: the QA tasks ({@code left_right} …), {@code caption} (colour, kind and cell of each
 *                     object in reading order), {@code ground} (kind and cell of each object in random order) or
 *                     {@code left_right_absolute} / {@code above_below_absolute} (which half holds one named object)
 *                     or {@code left_right_centred} / {@code above_below_centred} (two-object questions whose
 *                     reference lies near the midline; {@code _decoy}: plus a third object across from the subject)
 * @param perExample   false only for the standard mix
 * @param freezeVision keep the ViT frozen during instruction tuning
 */
public record InstructMix(List<String> tasks, boolean perExample, boolean freezeVision) {

    /** Task keys a custom mix may name besides the QA tasks. */
    public static final List<String> TEXT_TASKS = List.of("caption", "ground", "left_right_absolute",
            "above_below_absolute", "left_right_centred", "above_below_centred",
            "left_right_centred_decoy", "above_below_centred_decoy");

    public InstructMix {
        tasks = List.copyOf(tasks);
        for (String t : tasks) {
            if (!known().contains(t)) {
                throw new IllegalArgumentException("unknown instruction task '" + t + "' (one of " + known() + ")");
            }
        }
        if (tasks.isEmpty()) throw new IllegalArgumentException("an instruction mix needs at least one task");
    }

    /** The committed organism's mix: one task per batch, 10% captions, the seven QA tasks uniformly, ViT trained. */
    public static InstructMix standard() {
        return new InstructMix(OrganismWorld.TASKS.stream().map(OrganismWorld::key).toList(), false, false);
    }

    /** A per-example mix of the comma-separated task keys {@code csv}. */
    public static InstructMix parse(String csv, boolean freezeVision) {
        return new InstructMix(List.of(csv.trim().split("\\s*,\\s*")), true, freezeVision);
    }

    private static List<String> known() {
        List<String> all = new ArrayList<>(OrganismWorld.TASKS.stream().map(OrganismWorld::key).toList());
        all.addAll(TEXT_TASKS);
        return all;
    }
}
