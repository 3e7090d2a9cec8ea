package vlmscope.experiments.steer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.results.RunHeader;
import vlmscope.engine.LoadedModel;

import java.util.List;
import java.util.function.IntConsumer;

/** What both steering experiments do around their samples: check the layers, write the results header, stamp the summary. */
final class SteeringRuns {

    private SteeringRuns() {
    }

    /**
     * Checks, layer by layer, {@code idsPresent} (fails before any run). Whether each layer is a block of the model
     * is checked by the CLI's --layers parser and by the engine for every site it is given.
     */
    static void checkLayers(int[] layers, IntConsumer idsPresent) {
        for (int layer : layers) idsPresent.accept(layer);
    }

    /** The results header of {@code experiment} run on {@code lm}. */
    static ObjectNode header(String experiment, LoadedModel lm, ObjectNode settings, List<String> commandLine) {
        return new RunHeader(experiment, lm.directory().toString(), lm.model().precision().name(), settings, commandLine).json();
    }

    /** Adds the experiment, model and settings to {@code summary} and writes it as summary.json. */
    static void writeSummary(ExperimentOutput out, ObjectNode summary, String experiment, LoadedModel lm, ObjectNode settings) {
        summary.put("experiment", experiment);
        summary.put("model", lm.directory().toString());
        summary.set("settings", settings);
        out.writeSummary(summary);
    }
}
