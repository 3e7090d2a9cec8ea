package vlmscope.experiments.steer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.ids.SpatialIdFile;
import vlmscope.results.RunHeader;
import vlmscope.engine.LoadedModel;

import java.util.List;

/**
 * What both steering experiments share around their samples: the model, the spatial IDs and the options; the check
 * that every steered layer has its IDs, the results header and the summary stamp.
 *
 * @param <O> the experiment's options
 */
abstract class SteeringRun<O> {

    final LoadedModel lm;
    final SpatialIdFile ids;
    final O options;

    /**
     * Keeps the three and checks, layer by layer, {@link #checkIds} (fails before any run). Whether each layer is a
     * block of the model is checked by the CLI's --layers parser and by the engine for every site it is given.
     */
    SteeringRun(LoadedModel lm, SpatialIdFile ids, O options, int[] layers) {
        this.lm = lm;
        this.ids = ids;
        this.options = options;
        for (int layer : layers) checkIds(layer);
    }

    /**
     * Fails with the IDs file's error when the IDs that steering at block {@code layer} reads are missing. Called
     * from the constructor: it may use {@link #ids} and {@link #options} only.
     */
    abstract void checkIds(int layer);

    /** The results header of {@code experiment} run on this model. */
    ObjectNode header(String experiment, ObjectNode settings, List<String> commandLine) {
        return new RunHeader(experiment, lm.directory().toString(), lm.model().precision().name(), settings, commandLine).json();
    }

    /** Adds the experiment, model and settings to {@code summary} and writes it as summary.json. */
    void writeSummary(ExperimentOutput out, ObjectNode summary, String experiment, ObjectNode settings) {
        summary.put("experiment", experiment);
        summary.put("model", lm.directory().toString());
        summary.set("settings", settings);
        out.writeSummary(summary);
    }
}
