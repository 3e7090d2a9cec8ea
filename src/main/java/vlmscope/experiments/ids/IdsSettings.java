package vlmscope.experiments.ids;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.VlmscopeException;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.world.BackgroundChoice;
import vlmscope.world.QaTask;
import vlmscope.world.QuestionForms;
import vlmscope.world.RenderSpec;
import vlmscope.world.SceneKind;

import java.util.List;

/**
 * Everything that shapes the numbers of a spatial-ID extraction.
 *
 * @param pairs      object pairs "a,b": a is the reference (its cell names the centring set), b the target word
 *                   whose IDs are extracted (docs/paper-mapping.md#ids: {@code QUERY = "Is {b} … of {a}?"}, target b)
 * @param cells      m of the m×m grid
 * @param sizes      object size labels (224ths of a cell)
 * @param canvas     image side in pixels
 * @param seed       world seed (object colours per pair)
 * @param background grid background
 * @param question   question template with {@code {a}} and {@code {b}}; null = the world's left/right question
 *                   about b relative to a, with its answer instruction
 * @param layers     block indices L of {@code blocks.{L}.resid_post} to read
 * @param axisSize   the size label whose IDs define the axes and the plane projection (the paper: 224)
 */
public record IdsSettings(List<String> pairs, int cells, List<Integer> sizes, int canvas, long seed,
                          BackgroundChoice background, String question, int[] layers, int axisSize) {

    public IdsSettings {
        pairs = List.copyOf(pairs);
        sizes = List.copyOf(sizes);
        layers = layers.clone();
        if (!sizes.contains(axisSize))
            throw new VlmscopeException("--axis-size " + axisSize + " is not one of --sizes " + sizes + ". Fix: pick one of them");
        if (question != null && !question.contains("{b}"))
            throw new VlmscopeException("--question must name the target object with {b}. Fix: e.g. 'Is the {b} to the left or right of the {a}?'");
        new RenderSpec(SceneKind.GRID, 1, seed, canvas, cells, pairs, sizes, background, 2, 2); // validates them
    }

    /** The world's render spec of these grids (colours and background per pair from the seed). */
    public RenderSpec renderSpec() {
        return new RenderSpec(SceneKind.GRID, 1, seed, canvas, cells, pairs, sizes, background, 2, 2);
    }

    /** The question asked about pair (a, b). */
    public String question(String a, String b) {
        if (question == null)
            return QuestionForms.leftRight(b, a) + " " + QuestionForms.instruction(QaTask.LEFT_RIGHT);
        return question.replace("{a}", a).replace("{b}", b);
    }

    /** The header's settings object (resuming requires it to be equal). */
    public ObjectNode toJson() {
        ObjectNode s = ExperimentOutput.object();
        ArrayNode p = s.putArray("pairs");
        pairs.forEach(p::add);
        s.put("cells", cells);
        ArrayNode z = s.putArray("sizes");
        sizes.forEach(z::add);
        s.put("canvas", canvas);
        s.put("seed", seed);
        s.put("background", background.name().toLowerCase(java.util.Locale.ROOT));
        s.put("question", question == null ? "world" : question);
        ArrayNode l = s.putArray("layers");
        for (int layer : layers) l.add(layer);
        s.put("axis_size", axisSize);
        return s;
    }
}
