package vlmscope.train;

import vlmscope.organism.OrganismSpec;

import java.nio.file.Path;

/**
 * What to train: the architecture, the plan, the seed, the instruction mix, the starting weights and the
 * bookkeeping cadence.
 *
 * @param logEvery        steps per curve point (and per progress-bar newline)
 * @param checkpointEvery steps between checkpoints (a multiple of logEvery)
 * @param stopAfter       stop abruptly (no checkpoint) once this many global steps are done, as a kill would;
 *                        -1 for the whole plan
 * @param mix             what the instruction stage trains on
 * @param initFrom        an organism folder whose {@code model.safetensors} gives the starting weights (the dense
 *                        head, not saved there, is drawn from the seed), or null to draw every weight from the seed
 */
public record TrainerOptions(OrganismSpec spec, TrainingPlan plan, long seed, int logEvery, int checkpointEvery,
                             int stopAfter, boolean quiet, InstructMix mix, Path initFrom) {

    /** Options with the standard mix, starting from freshly drawn weights. */
    public TrainerOptions(OrganismSpec spec, TrainingPlan plan, long seed, int logEvery, int checkpointEvery,
                          int stopAfter, boolean quiet) {
        this(spec, plan, seed, logEvery, checkpointEvery, stopAfter, quiet, InstructMix.standard(), null);
    }

    /** The recipe beyond plan and seed, as stored in checkpoints and summaries. */
    public String recipe() {
        return "mix=" + mix.tasks() + (mix.freezeVision() ? " frozen-vision" : "")
                + (mix.customAlignment() ? " align=" + mix.alignTasks() : "") + (initFrom == null ? "" : " from=" + initFrom.getFileName());
    }
}
