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
 * @param alignTasks   what the alignment stage trains on, drawn the same way ({@link #ALIGN_TASKS} unless a recipe
 *                     changes it, e.g. to keep position supervision off the object words)
 */
public record InstructMix(List<String> tasks, boolean freezeVision, List<String> alignTasks) {

    /** Task keys a mix may name besides the QA tasks. */
    public static final List<String> TEXT_TASKS = List.of("caption", "ground", "locate", "locate_video",
            "left_right_absolute", "above_below_absolute", "left_right_centred", "above_below_centred",
            "left_right_centred_decoy", "above_below_centred_decoy");

    /** What the alignment stage trains on: captions and, twice as often, the locating tasks. */
    public static final List<String> ALIGN_TASKS = List.of("caption", "locate", "locate", "locate_video", "locate_video");

    public InstructMix {
        tasks = checked(tasks, "instruction");
        alignTasks = checked(alignTasks, "alignment");
    }

    /** A mix whose alignment stage trains on {@link #ALIGN_TASKS}. */
    public InstructMix(List<String> tasks, boolean freezeVision) {
        this(tasks, freezeVision, ALIGN_TASKS);
    }

    /** This mix with the alignment stage drawing from the comma-separated task keys {@code csv}. */
    public InstructMix withAlignment(String csv) {
        return new InstructMix(tasks, freezeVision, keys(csv));
    }

    /** Whether the alignment stage trains on something other than {@link #ALIGN_TASKS}. */
    public boolean customAlignment() {
        return !alignTasks.equals(ALIGN_TASKS);
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
        return new InstructMix(keys(csv), freezeVision);
    }

    private static List<String> keys(String csv) {
        return List.of(csv.trim().split("\\s*,\\s*"));
    }

    private static List<String> checked(List<String> keys, String stage) {
        List<String> copy = List.copyOf(keys);
        for (String t : copy) {
            if (!known().contains(t)) {
                throw new IllegalArgumentException("unknown " + stage + " task '" + t + "' (one of " + known() + ")");
            }
        }
        if (copy.isEmpty()) throw new IllegalArgumentException("an " + stage + " mix needs at least one task");
        return copy;
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
