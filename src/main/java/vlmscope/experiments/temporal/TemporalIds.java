package vlmscope.experiments.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.VlmscopeException;
import vlmscope.results.ResultStore;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Temporal IDs from the records of a {@link TemporalIdExperiment} run: {@code T[L][f]} = the mean, over objects, of
 * each object's mean residual row at its word when it first appears at frame f (the paper's average ID, docs/paper-mapping.md#temporal). Under
 * paper-compat each object keeps only the last record's row for (L, f) — the paper overwrites instead of averaging —
 * before the mean over objects. Rows are stored in records as {@code "rows": {"L{layer}": {"o1": [d], "o2": [d]}}}.
 */
public final class TemporalIds {

    private TemporalIds() {
    }

    /** One object word's row at one layer: the object's kind, the frame it first appears at, the row [d]. */
    record Observation(String kind, int frame, double[] row) {
    }

    /** Per layer, every probe's two object rows in record order (o1 then o2). */
    static Map<Integer, List<Observation>> observations(List<JsonNode> records) {
        Map<Integer, List<Observation>> out = new TreeMap<>();
        for (JsonNode r : records) {
            if (!r.has("o1")) continue;
            for (String which : List.of("o1", "o2")) {
                String kind = r.path(which).asText();
                int frame = r.path(which.equals("o1") ? "f1" : "f2").asInt();
                r.path("rows").properties().forEach(e -> out.computeIfAbsent(Integer.parseInt(e.getKey().substring(1)),
                        k -> new java.util.ArrayList<>()).add(new Observation(kind, frame, doubles(e.getValue().path(which)))));
            }
        }
        return out;
    }

    /** Per layer, the frame IDs [F, d]; an error naming the frame when some frame has no observation. */
    public static Map<Integer, double[][]> frameIds(List<JsonNode> records, int frames, boolean overwrite) {
        Map<Integer, double[][]> out = new TreeMap<>();
        observations(records).forEach((layer, obs) -> out.put(layer, frameIds(obs, null, frames, overwrite)));
        return out;
    }

    /**
     * The frame IDs [F, d] of one layer's observations, observation i counted at frame {@code frameOf[order[i]]}
     * when {@code order} is given (a permutation of the frame labels), else at its own frame.
     */
    static double[][] frameIds(List<Observation> obs, int[] order, int frames, boolean overwrite) {
        Map<String, Map<Integer, double[]>> sums = new TreeMap<>();    // object -> frame -> sum [d]
        Map<String, Map<Integer, Integer>> counts = new TreeMap<>();
        for (int k = 0; k < obs.size(); k++) {
            Observation o = obs.get(k);
            int frame = order == null ? o.frame() : obs.get(order[k]).frame();
            Map<Integer, double[]> byFrame = sums.computeIfAbsent(o.kind(), x -> new TreeMap<>());
            Map<Integer, Integer> n = counts.computeIfAbsent(o.kind(), x -> new TreeMap<>());
            if (overwrite || !byFrame.containsKey(frame)) {
                byFrame.put(frame, o.row().clone());
                n.put(frame, 1);
            } else {
                double[] acc = byFrame.get(frame);
                for (int i = 0; i < acc.length; i++) acc[i] += o.row()[i];
                n.merge(frame, 1, Integer::sum);
            }
        }
        double[][] ids = new double[frames][];   // [F, d]
        int[] objects = new int[frames];
        sums.forEach((kind, byFrame) -> byFrame.forEach((f, sum) -> {
            int n = counts.get(kind).get(f);
            if (f >= frames) return;
            if (ids[f] == null) ids[f] = new double[sum.length];
            for (int i = 0; i < sum.length; i++) ids[f][i] += sum[i] / n;
            objects[f]++;
        }));
        for (int f = 0; f < frames; f++) {
            if (ids[f] == null) {
                throw new VlmscopeException("no object appears at frame " + f + " in the temporal-ids records."
                        + " Fix: run 'vlmscope temporal ids' to completion with the same --frames");
            }
            for (int i = 0; i < ids[f].length; i++) ids[f][i] /= objects[f];
        }
        return ids;
    }

    /** Per layer, the text anchors {before, after} [2, d] from the "anchors" record (empty when there is none). */
    public static Map<Integer, double[][]> anchors(List<JsonNode> records) {
        Map<Integer, double[][]> out = new TreeMap<>();
        for (JsonNode r : records) {
            if (!"anchors".equals(r.path("kind").asText())) continue;
            r.path("rows").properties().forEach(e -> out.put(Integer.parseInt(e.getKey().substring(1)),
                    new double[][]{doubles(e.getValue().path("before")), doubles(e.getValue().path("after"))}));
        }
        return out;
    }

    /** Reads a temporal-ids results folder: header and frame IDs; a clear error for anything else. */
    public static Loaded load(Path dir) {
        Path file = dir.resolve("results.jsonl");
        var contents = ResultStore.read(file);
        if (!TemporalIdExperiment.NAME.equals(contents.header().path("experiment").asText())) {
            throw VlmscopeException.badInput(file, "is not a temporal-ids run (experiment '"
                    + contents.header().path("experiment").asText() + "')", "pass --ids with the --out folder of 'vlmscope temporal ids'");
        }
        JsonNode settings = contents.header().path("settings");
        int frames = settings.path("frames").asInt();
        return new Loaded(settings, frames,
                frameIds(contents.records(), frames, settings.path("paper_compat").asBoolean(false)));
    }

    /** A loaded temporal-ids run: its settings, frame count and per-layer frame IDs [F, d]. */
    public record Loaded(JsonNode settings, int frames, Map<Integer, double[][]> ids) {
    }

    /** The run's analysis layer ({@code settings.pca_layer}) when {@code byLayer} holds it, else its first layer. */
    static int analysisLayer(JsonNode settings, Map<Integer, ?> byLayer) {
        int layer = settings.path("pca_layer").asInt();
        return byLayer.containsKey(layer) ? layer : byLayer.keySet().iterator().next();
    }

    static ArrayNode put(ObjectNode into, String name, float[] row) {
        ArrayNode a = into.putArray(name);
        for (float v : row) a.add(v);
        return a;
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asDouble();
        return out;
    }

    /** Vectors for the safetensors file: {@code L{l}/frame{f}} and, when present, {@code L{l}/text/before|after}. */
    static Map<String, float[]> vectors(Map<Integer, double[][]> ids, Map<Integer, double[][]> anchors) {
        Map<String, float[]> out = new LinkedHashMap<>();
        ids.forEach((layer, frames) -> {
            for (int f = 0; f < frames.length; f++) out.put("L" + layer + "/frame" + f, floats(frames[f]));
        });
        anchors.forEach((layer, a) -> {
            out.put("L" + layer + "/text/before", floats(a[0]));
            out.put("L" + layer + "/text/after", floats(a[1]));
        });
        return out;
    }

    private static float[] floats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) v[i];
        return out;
    }
}
