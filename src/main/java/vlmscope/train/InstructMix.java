package vlmscope.train;

import vlmscope.organism.OrganismWorld;
import vlmscope.world.QaTask;

import java.util.ArrayList;
import java.util.List;

/**
 * What the instruction stage trains on: every example draws its task independently and uniformly from {@code tasks}
 * (a task listed twice is drawn twice as often) and weighs the same in the loss whatever its answer length.
 *
 * @param tasks        task keys: the QA tasks ({@code left_right} …), {@code caption} (colour, kind and cell of each
 *                     object in reading order), {@code ground} (kind and cell of each object in random order),
 *                     {@code locate} (kind and cell number of each object in random order),
 *                     {@code locate_video} (kind and first frame of each object of a video, in random order) or
 *                     {@code left_right_absolute} / {@code above_below_absolute} (which half holds one named object)
 *                     or {@code left_right_centred} / {@code above_below_centred} (two-object questions whose
 *                     reference lies near the midline; {@code _decoy}: plus a third object across from the subject),
 *                     or a still-scene two-object QA key with {@code _coloured} (objects named by colour and kind)
 * @param freezeVision keep the ViT frozen during instruction tuning (LLaVA-1.5 keeps CLIP frozen throughout)
 */
public record InstructMix(List<String> tasks, boolean freezeVision) {

    /** Task keys a mix may name besides the QA tasks. */
    public static final List<String> TEXT_TASKS = List.of("caption", "ground", "locate", "locate_video",
            "left_right_absolute", "above_below_absolute", "left_right_centred", "above_below_centred",
            "left_right_centred_decoy", "above_below_centred_decoy");

    /** What the alignment stage trains on: captions and, twice as often, the locating tasks. */
    public static final List<String> ALIGN_TASKS = List.of("caption", "locate", "locate", "locate_video", "locate_video");

    public InstructMix {
        tasks = List.copyOf(tasks);
        for (String t : tasks) {
            if (!known().contains(t)) {
                throw new IllegalArgumentException("unknown instruction task '" + t + "' (one of " + known() + ")");
            }
        }
        if (tasks.isEmpty()) throw new IllegalArgumentException("an instruction mix needs at least one task");
    }

    /**
     * The committed organism's mix: the seven QA tasks, the two locating tasks (which keep the object words looking up
     * their places) and captions, uniformly; ViT frozen.
     */
    public static InstructMix standard() {
        List<String> tasks = new ArrayList<>(OrganismWorld.TASKS.stream().map(OrganismWorld::key).toList());
        tasks.addAll(List.of("locate", "locate_video", "caption"));
        return new InstructMix(tasks, true);
    }

    /** A mix of the comma-separated task keys {@code csv}. */
    public static InstructMix parse(String csv, boolean freezeVision) {
        return new InstructMix(List.of(csv.trim().split("\\s*,\\s*")), freezeVision);
    }

    private static List<String> known() {
        List<String> all = new ArrayList<>(OrganismWorld.TASKS.stream().map(OrganismWorld::key).toList());
        for (QaTask t : OrganismWorld.TASKS) {
            if (OrganismWorld.hasColouredForm(t)) all.add(OrganismWorld.key(t) + OrganismWorld.COLOURED);
        }
        all.addAll(TEXT_TASKS);
        return all;
    }
}
