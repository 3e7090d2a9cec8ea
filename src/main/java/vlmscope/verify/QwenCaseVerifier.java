package vlmscope.verify;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.engine.Inputs;
import vlmscope.engine.LoadedModel;
import vlmscope.engine.Trace;
import vlmscope.engine.TraceSpec;
import vlmscope.hooks.Site;
import vlmscope.hooks.Sites;
import vlmscope.model.PositionIds;
import vlmscope.model.qwen2vl.Qwen2VLModel;
import vlmscope.model.qwen2vl.QwenPixels;
import vlmscope.processing.ImageLoader;
import vlmscope.processing.ModelInput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One case of a Qwen2-VL / Qwen2.5-VL fixture (schema written by tools/hf_qwen_reference.py): pixel-value statistics
 * and {@code image_grid_thw}, input ids, the 3-D M-RoPE position ids and {@code rope_delta}, each vision block,
 * the merger input and output, every layer's hidden states and the last-position logits.
 */
final class QwenCaseVerifier {

    private QwenCaseVerifier() {
    }

    static List<GroupResult> verify(Path fixture, JsonNode expected, Tolerances tol, LoadedModel lm) {
        List<GroupResult> groups = new ArrayList<>();
        float[] packed = lm.pixels(ImageLoader.read(fixture.resolve(expected.path("image").asText())));
        QwenPixels px = QwenPixels.unpack(packed, ((Qwen2VLModel) lm.model()).config().vision().mergeSize());
        groups.add(pixels(expected, px, tol));

        int[] goldenIds = FixtureVerifier.ints(expected.path("input_ids"));
        ModelInput prepared = lm.prepare(expected.path("prompt").asText(), List.of(packed));
        Comparison ids = new Comparison("input_ids", 0, 0);
        ids.require("input_ids", Arrays.equals(goldenIds, prepared.ids()),
                "tokenised prompt differs from HF (" + prepared.ids().length + " vs " + goldenIds.length + " ids)");
        groups.add(ids.result());

        Inputs inputs = new Inputs(goldenIds, List.of(packed));
        TraceSpec spec = TraceSpec.residualsAnd(s -> s.isVision() || s.equals(Sites.PROJECTOR_OUT) || s.equals(Sites.FINAL_NORM));
        try (Trace trace = lm.hooked().trace(inputs, spec)) {
            groups.add(positions(expected, trace.positions()));
            JsonNode vision = expected.path("vision");
            int[] rows = FixtureVerifier.ints(vision.path("rows"));
            JsonNode blocks = vision.path("blocks");
            for (int b = 0; b < blocks.size(); b++) {
                groups.add(rows("vision.blocks." + b, blocks.get(b).path("values"), trace.rows(Sites.visionResidPost(b), rows), tol));
            }
            groups.add(rows("vision.merger_in", vision.path("merger_in").path("values"), trace.rows(Sites.VISION_FEATURES, rows), tol));
            int[] merged = FixtureVerifier.ints(vision.path("merged_rows"));
            groups.add(rows("vision.merger_out", vision.path("merger_out").path("values"), trace.rows(Sites.PROJECTOR_OUT, merged), tol));

            JsonNode hidden = expected.path("hidden_states");
            int[] positions = FixtureVerifier.ints(hidden.path("positions"));
            for (Iterator<Map.Entry<String, JsonNode>> it = hidden.path("values").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Site site = FixtureVerifier.hiddenSite(e.getKey());
                groups.add(rows("hidden." + e.getKey(), e.getValue(), trace.rows(site, positions), tol));
            }
            groups.add(logits(expected.path("logits_last"), trace.lastLogits(), tol));
        }
        return groups;
    }

    /** Statistics of HF's pixel_values [N, C*T*P*P] and the grid. */
    private static GroupResult pixels(JsonNode expected, QwenPixels px, Tolerances tol) {
        double abs = tol.pixelAbs();
        Comparison c = new Comparison("pixel_values", abs, 0);
        c.require("image_grid_thw", Arrays.equals(FixtureVerifier.ints(expected.path("image_grid_thw")), px.gridThw()),
                "expected " + expected.path("image_grid_thw") + ", got " + Arrays.toString(px.gridThw()));
        JsonNode stats = expected.path("pixel_values");
        int n = px.numPatches();
        int width = px.rowLength();
        c.require("shape", stats.path("shape").get(0).asInt() == n && stats.path("shape").get(1).asInt() == width,
                "expected " + stats.path("shape") + ", got [" + n + ", " + width + "]");
        if (stats.path("shape").get(0).asInt() != n || stats.path("shape").get(1).asInt() != width) return c.result();
        float[] v = px.values();                                     // [N, C*T*P*P]
        MatrixStats m = MatrixStats.of(v, 0, n, width);
        c.add("sum", stats.path("sum").asDouble(), m.sum(), abs * v.length);
        c.add("sum_sq", stats.path("sum_sq").asDouble(), m.sumSq(), abs * v.length * 8);
        c.add("min", stats.path("min").asDouble(), m.min());
        c.add("max", stats.path("max").asDouble(), m.max());
        for (int r = 0; r < n; r++) c.add("row_sums[" + r + "]", stats.path("row_sums").get(r).asDouble(), m.rowSums()[r], abs * width);
        for (int k = 0; k < width; k++) c.add("col_sums[" + k + "]", stats.path("col_sums").get(k).asDouble(), m.colSums()[k], abs * n);
        for (JsonNode s : stats.path("samples_row_col_value")) {
            c.add("pixel[" + s.get(0).asInt() + "," + s.get(1).asInt() + "]", s.get(2).asDouble(), v[s.get(0).asInt() * width + s.get(1).asInt()]);
        }
        return c.result();
    }

    /** HF get_rope_index's position_ids [3][T] and rope_delta (max + 1 - T). */
    private static GroupResult positions(JsonNode expected, PositionIds actual) {
        Comparison c = new Comparison("position_ids", 0, 0);
        JsonNode rows = expected.path("position_ids");
        c.require("axes", rows.size() == actual.axes(), "expected " + rows.size() + " axes, got " + actual.axes());
        int max = 0;
        for (int a = 0; a < Math.min(rows.size(), actual.axes()); a++) {
            int[] got = actual.axis(a);
            c.require("axis " + a, Arrays.equals(FixtureVerifier.ints(rows.get(a)), got), "3-D position ids differ from HF on axis " + a);
            for (int p : got) max = Math.max(max, p);
        }
        int delta = max + 1 - actual.length();
        c.require("rope_delta", delta == expected.path("rope_delta").asInt(), "expected " + expected.path("rope_delta") + ", got " + delta);
        return c.result();
    }

    /** Last-position logits: top-10, sampled ids and watched answer pieces as (id, logit), max and argmax. */
    private static GroupResult logits(JsonNode expected, float[] logits, Tolerances tol) {
        Comparison c = new Comparison("logits", tol.abs(), tol.rel());
        LogitChecks.argmaxAndMax(c, expected, logits, tol);
        for (JsonNode pair : expected.path("top10")) c.add("top10 id " + pair.get(0).asInt(), pair.get(1).asDouble(), logits[pair.get(0).asInt()]);
        for (JsonNode pair : expected.path("sampled")) c.add("sampled id " + pair.get(0).asInt(), pair.get(1).asDouble(), logits[pair.get(0).asInt()]);
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("watch").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            c.add("watch " + e.getKey(), e.getValue().path("logit").asDouble(), logits[e.getValue().path("id").asInt()]);
        }
        double sum = 0;
        for (float v : logits) sum += v;
        c.add("sum", expected.path("sum").asDouble(), sum, tol.abs() * Math.sqrt(logits.length) * 10);
        return c.result();
    }

    private static GroupResult rows(String name, JsonNode expectedRows, float[][] actual, Tolerances tol) {
        Comparison c = new Comparison(name, tol.abs(), tol.rel());
        c.require(name + " rows", expectedRows.size() == actual.length, expectedRows.size() + " vs " + actual.length);
        for (int r = 0; r < Math.min(expectedRows.size(), actual.length); r++) {
            c.addAll(name + "[" + r + "]", FixtureVerifier.doubles(expectedRows.get(r)), actual[r]);
        }
        return c.result();
    }
}
