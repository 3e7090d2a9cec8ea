package vlmscope.train;

import vlmscope.organism.OrganismSpec;

/**
 * What to train: the architecture, the plan, the seed and the bookkeeping cadence.
 *
 * @param logEvery        steps per curve point (and per progress-bar newline)
 * @param checkpointEvery steps between checkpoints (a multiple of logEvery)
 * @param stopAfter       stop abruptly (no checkpoint) once this many global steps are done, as a kill would;
 *                        -1 for the whole plan
 */
public record TrainerOptions(OrganismSpec spec, TrainingPlan plan, long seed, int logEvery, int checkpointEvery,
                             int stopAfter, boolean quiet) {
}
