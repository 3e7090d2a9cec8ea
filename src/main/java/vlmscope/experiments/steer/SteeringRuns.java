package vlmscope.experiments.steer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.engine.LoadedModel;

import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/** What both steering experiments do around their samples: check the layers, write the results header, stamp the summary. */
final class SteeringRuns {

    private SteeringRuns() {
    }

    /** Checks, layer by layer, that each is a block of the model and then {@code idsPresent} for it (fails early). */
    static void checkLayers(LoadedModel lm, int[] layers, IntConsumer idsPresent) {
        int blocks = lm.model().numLayers();
        for (int layer : layers) {
            if (layer < 0 || layer >= blocks) {
                throw new IllegalArgumentException("layer " + layer + " is outside 0.." + (blocks - 1));
            }
            idsPresent.accept(layer);
        }
    }

    /** The results header of {@code experiment} run on {@code lm}. */
    static ObjectNode header(String experiment, LoadedModel lm, ObjectNode settings, List<String> commandLine) {
        return ExperimentOutput.header(experiment, lm.directory().toString(),
                lm.model().precision().name().toLowerCase(Locale.ROOT), settings, commandLine);
    }

    /** Adds the experiment, model and settings to {@code summary} and writes it as summary.json. */
    static void writeSummary(ExperimentOutput out, ObjectNode summary, String experiment, LoadedModel lm, ObjectNode settings) {
        summary.put("experiment", experiment);
        summary.put("model", lm.directory().toString());
        summary.set("settings", settings);
        out.writeSummary(summary);
    }
}
