package vlmscope.experiments.ids;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.VlmscopeException;
import vlmscope.analysis.Vectors;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.hooks.Sites;
import vlmscope.engine.Trace;
import vlmscope.engine.TraceSpec;
import vlmscope.engine.Inputs;
import vlmscope.processing.ModelInput;
import vlmscope.processing.Occurrence;
import vlmscope.results.ResultStore;
import vlmscope.engine.LoadedModel;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs text-only anchors (no image, the checkpoint's chat format) and projects each word's first-occurrence row of
 * {@code blocks.{L}.resid_post} onto the layer's universal-ID planes, raw and uncentred as Fig 5 does (docs/paper-mapping.md#ids).
 * One record per (role, anchor, word, layer): {@code {role}/anchor/{name}/{word}/L{L}}.
 */
public final class AnchorExtraction {

    private AnchorExtraction() {
    }

    /** Runs {@code anchors}, appends their records, and returns the anchor rows keyed {@link IdKeys#anchor}. */
    public static Map<String, float[]> run(LoadedModel model, String role, List<Anchor> anchors,
                                           Map<Integer, PlaneFit> fits, ResultStore store) {
        Map<String, float[]> vectors = new TreeMap<>();
        TraceSpec spec = TraceSpec.residuals();
        for (Anchor anchor : anchors) {
            for (String word : anchor.words()) {
                String text = anchor.promptFor(word);
                ModelInput input = model.prepare(model.render(text, false, false), 0);
                int position = model.locator().positions(input, word, Occurrence.FIRST)[0];
                try (Trace trace = model.hooked().trace(new Inputs(input.ids(), List.of()), spec)) {
                    for (Map.Entry<Integer, PlaneFit> e : fits.entrySet()) {
                        int layer = e.getKey();
                        float[] row = trace.rows(Sites.residPost(layer), position)[0]; // [d]
                        vectors.put(IdKeys.anchor(layer, anchor.name(), word), row);
                        String key = role + "/anchor/" + anchor.name() + "/" + word + "/L" + layer;
                        ObjectNode record = record(role, anchor, word, text, model.locator().lastPiece(word), position,
                                layer, Vectors.toDouble(row), e.getValue());
                        if (!store.has(key)) store.append(key, record);
                        else checkSamePrompt(store, key, text);
                    }
                }
            }
        }
        return vectors;
    }

    private static void checkSamePrompt(ResultStore store, String key, String text) {
        for (JsonNode r : store.records())
            if (r.path("key").asText().equals(key) && !r.path("prompt").asText().equals(text))
                throw VlmscopeException.badInput(store.file(), "anchor record " + key + " was made with the prompt '"
                        + r.path("prompt").asText() + "', not '" + text + "'", "give this anchor another NAME");
    }

    private static ObjectNode record(String role, Anchor anchor, String word, String text, String piece, int position,
                                     int layer, double[] row, PlaneFit fit) {
        ObjectNode r = ExperimentOutput.object();
        r.put("kind", "anchor").put("role", role).put("anchor", anchor.name()).put("word", word).put("prompt", text);
        r.put("token", piece).put("position", position).put("layer", layer).put("norm", Vectors.norm(row));
        double[] c = fit.plane().project(row), cs = fit.strictPlane().project(row);
        r.put("c1", c[0]).put("c2", c[1]).put("c1_strict", cs[0]).put("c2_strict", cs[1]);
        return r;
    }
}
