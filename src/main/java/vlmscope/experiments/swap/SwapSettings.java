package vlmscope.experiments.swap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.VlmscopeException;
import vlmscope.experiments.ExperimentOutput;

import java.util.List;

/**
 * The options of a swap sweep.
 *
 * @param answerPieces  vocabulary pieces read as the two answers, in the order of the sample's choices; null = the
 *                      choice words themselves (colour mode always uses the sample's colours)
 * @param firstLayer    first block index L of {@code blocks.L.resid_post} swapped (inclusive)
 * @param lastLayer     last block index swapped (inclusive)
 * @param sets          position sets to swap; ADJECTIVES is skipped for samples whose question names no colours
 * @param paperCompat   the paper's S_text (with two image tokens) and its NaN→0 aggregation
 * @param seed          seeds the control positions and the recolouring
 * @param fullRerun     patched runs as full forwards instead of suffix recomputation from the clean trace
 * @param compareSpeed  also time every cell the other way (not stored) and report both wall times
 */
public record SwapSettings(SwapMode mode, SwapPrompt prompt, List<String> answerPieces, int firstLayer, int lastLayer,
                           List<PositionSet> sets, boolean paperCompat, long seed, boolean fullRerun,
                           boolean compareSpeed) {

    /** Default position sets of the figure (ALL is the sanity check, asked for explicitly). */
    public static final List<PositionSet> DEFAULT_SETS = List.of(PositionSet.IMAGE, PositionSet.TEXT,
            PositionSet.OBJECTS, PositionSet.ADJECTIVES, PositionSet.CONTROL);

    public SwapSettings {
        sets = List.copyOf(sets);
        if (answerPieces != null) {
            answerPieces = List.copyOf(answerPieces);
            if (answerPieces.size() != 2) {
                throw new VlmscopeException("--answers needs two pieces, got " + answerPieces + ". Fix: e.g. --answers left,right");
            }
            if (mode == SwapMode.COLOUR) {
                throw new VlmscopeException("--answers does not apply to colour swapping (the answers are each sample's"
                        + " two colours). Fix: drop --answers");
            }
        }
        if (sets.isEmpty()) throw new VlmscopeException("no position set chosen. Fix: e.g. --sets image,text,objects");
        if (firstLayer > lastLayer) {
            throw new VlmscopeException("layer range " + firstLayer + "-" + lastLayer + " is empty. Fix: use a-b with a <= b");
        }
    }

    /** What goes into the results header's settings (everything that changes the numbers). */
    public ObjectNode json() {
        ObjectNode s = ExperimentOutput.object();
        s.put("mode", mode.cliName());
        s.setAll(prompt.settings());
        if (answerPieces != null) s.putArray("answer_pieces").add(answerPieces.get(0)).add(answerPieces.get(1));
        s.put("first_layer", firstLayer);
        s.put("last_layer", lastLayer);
        s.put("layer_convention", "layer L = block index of blocks.L.resid_post (output of decoder block L) = the"
                + " paper's Convention-P index; the paper swapped L = 1..N-1");
        ArrayNode names = s.putArray("sets");
        for (PositionSet p : sets) names.add(p.cliName());
        s.put("paper_compat", paperCompat);
        s.put("control_seed", seed);
        return s;
    }
}
