package vlmscope.experiments.temporal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.VlmscopeException;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.results.RunHeader;
import vlmscope.engine.LoadedModel;
import vlmscope.world.BackgroundChoice;

import java.util.List;
import java.util.Locale;

/**
 * Options shared by the temporal experiments.
 *
 * @param seed        seeds the videos, colours, boxes and control positions
 * @param canvas      frame side in pixels (the model's image size unless told)
 * @param frames      frames per video F
 * @param backgrounds frame backgrounds
 * @param firstLayer  first block index L of {@code blocks.L.resid_post} (inclusive)
 * @param lastLayer   last block index (inclusive)
 * @param raw         the paper's raw {@code "<image>\n"…} prompt instead of the checkpoint's chat template
 * @param paperCompat reproduce the paper code's quirks listed per experiment (docs/paper-mapping.md#temporal, #paper-compat)
 * @param answers     vocabulary pieces read for before, after (null = detect, see {@link AnswerPieces})
 */
public record TemporalSettings(long seed, int canvas, int frames, BackgroundChoice backgrounds, int firstLayer,
                               int lastLayer, boolean raw, boolean paperCompat, List<String> answers) {


    public static final String LAYER_CONVENTION = "layer L = block index of blocks.L.resid_post (output of decoder block"
            + " L) = the paper's Convention-P index; the paper's hidden_states[L] (Convention E) is our layer L-1";

    public TemporalSettings {
        if (frames < 2) throw new VlmscopeException("--frames " + frames + " is too few. Fix: use --frames 2 or more");
        if (firstLayer > lastLayer) {
            throw new VlmscopeException("layer range " + firstLayer + "-" + lastLayer + " is empty. Fix: use a-b with a <= b");
        }
        if (answers != null) answers = List.copyOf(answers);
    }

    public int layerCount() {
        return lastLayer - firstLayer + 1;
    }

    /** What goes into the results header (everything that changes the numbers). */
    public ObjectNode json() {
        ObjectNode s = ExperimentOutput.object();
        s.put("seed", seed);
        s.put("canvas", canvas);
        s.put("frames", frames);
        s.put("background", backgrounds.name().toLowerCase(Locale.ROOT));
        s.put("first_layer", firstLayer);
        s.put("last_layer", lastLayer);
        s.put("layer_convention", LAYER_CONVENTION);
        s.put("format", raw ? "raw" : "chat");
        s.put("paper_compat", paperCompat);
        if (answers != null) s.putArray("answer_pieces").add(answers.get(0)).add(answers.get(1));
        return s;
    }

    /** The results header of {@code experiment} run on {@code lm}. */
    public static ObjectNode header(String experiment, LoadedModel lm, ObjectNode settings, List<String> commandLine) {
        return new RunHeader(experiment, lm.directory().toString(), lm.model().precision().name(), settings, commandLine).json();
    }
}
