package vlmscope.experiments.ids;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.VlmscopeException;
import vlmscope.experiments.ExperimentNames;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.Progress;
import vlmscope.results.ResultStore;
import vlmscope.results.RunHeader;
import vlmscope.results.VectorStore;
import vlmscope.engine.LoadedModel;
import vlmscope.world.RenderSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Spatial-ID extraction (docs/paper-mapping.md#ids, Fig 5, A19) on the world's grid data, for a model and optionally an
 * untrained (or any other) baseline model run identically, whose numbers are stored beside the model's
 * (organism-notes: an untrained model already puts most ID variance in the axes plane).
 *
 * <p>Output folder:
 * <ul>
 *   <li>{@code results.jsonl}: per image ({@code kind: image}), per (ID set, layer) plane fit ({@code kind: plane},
 *       keys {@code {role}/plane/universal/L{L}} and {@code {role}/plane/pair/{a}_{b}/L{L}}) and per text-only
 *       anchor word and layer ({@code kind: anchor}); role is {@code model} or {@code baseline};</li>
 *   <li>{@code ids.safetensors} (+ {@code ids.json}) in the {@link IdKeys} scheme — steering reads
 *       {@code L{L}/universal/x{x}_y{y}_s{size}} from it; {@code ids-baseline.safetensors} for the baseline;</li>
 *   <li>{@code anchors.safetensors} / {@code anchors-baseline.safetensors}: anchor rows {@code L{L}/anchor/{name}/{word}};</li>
 *   <li>{@code summary.json}: per layer the plane's explained variance (paper and strict axes, top-2 PCA), axis norms
 *       and cos(x, y), with the baseline's numbers; the best layer;</li>
 *   <li>{@code work/}: centred rows per reference cell (what makes a killed run resume without re-running them).</li>
 * </ul>
 */
public final class IdsExperiment {

    public static final String NAME = ExperimentNames.IDS;
    public static final String MODEL = "model", BASELINE = "baseline";

    private IdsExperiment() {
    }

    /**
     * Runs (or resumes) the extraction. {@code baseline} may be null; {@code anchors} null means the defaults;
     * {@code limit} caps the images run in this call (a resumable interruption). Returns the summary, or null when
     * the limit stopped the run before all images were done.
     */
    public static ObjectNode extract(LoadedModel model, LoadedModel baseline, IdsSettings settings, List<Anchor> anchors,
                                     ExperimentOutput out, boolean fresh, long limit, List<String> commandLine) {
        int numLayers = model.model().numLayers();
        for (int layer : settings.layers())
            if (layer < 0 || layer >= numLayers)
                throw VlmscopeException.badInput(model.directory(), "layer " + layer + " does not exist (" + numLayers + " blocks)",
                        "pick --layers within 0-" + (numLayers - 1));
        if (baseline != null && baseline.model().numLayers() != numLayers)
            throw VlmscopeException.badInput(baseline.directory(), "the baseline has " + baseline.model().numLayers()
                    + " blocks, the model " + numLayers, "use a baseline of the same architecture");
        ObjectNode settingsJson = settings.toJson();
        settingsJson.put("baseline_model", baseline == null ? null : baseline.directory().toString());
        ObjectNode header = new RunHeader(NAME, model.directory().toString(), model.model().precision().name(), settingsJson,
                commandLine).json();
        header.put("layer_convention", "L = block index of blocks.{L}.resid_post; the paper's Convention-E layer is L + 1");
        header.put("target", "IDs are of each pair's second object b (the moving object, as in the paper; docs/paper-mapping.md, ids), centred per cell of a");
        if (fresh) deleteTree(out.dir().resolve("work"));
        List<LoadedModel> models = baseline == null ? List.of(model) : List.of(model, baseline);
        Map<String, SpatialIds> byRole = new LinkedHashMap<>();
        try (ResultStore store = out.open(header, fresh)) {
            long perRole = (long) settings.pairs().size() * new GridExtraction(model, MODEL, settings, store, out.dir(), 0).imagesPerPair();
            Progress progress = new Progress("ids", perRole * models.size());
            long budget = limit;
            for (LoadedModel m : models) {
                String role = m == model ? MODEL : BASELINE;
                GridExtraction extraction = new GridExtraction(m, role, settings, store, out.dir(), budget);
                List<PairIds> pairs = extraction.run(progress);
                if (pairs == null) {
                    progress.finish();
                    return null;
                }
                budget = extraction.remaining();
                byRole.put(role, new SpatialIds(pairs, settings.cells(), settings.axisSize()));
            }
            progress.finish();
            List<String> first = RenderSpec.kindsOf(settings.pairs().getFirst());
            List<Anchor> anchorList = anchors != null ? anchors : Anchor.defaults(settings, first.get(0), first.get(1));
            for (LoadedModel m : models) {
                String role = m == model ? MODEL : BASELINE;
                SpatialIds ids = byRole.get(role);
                VectorStore.write(idsFile(out, role), ids.vectors(), idsMetadata(m, role, settings));
                Map<Integer, PlaneFit> fits = planeRecords(ids, role, store);
                writeAnchors(out, role, AnchorExtraction.run(m, role, anchorList, fits, store), m);
            }
            ObjectNode summary = summary(store.records(), header);
            out.writeSummary(summary);
            return summary;
        }
    }

    /** Re-runs text-only anchors on a finished extraction folder, with the model(s) named in its header. */
    public static void anchors(ExperimentOutput out, List<Anchor> anchors, java.util.function.Function<Path, LoadedModel> opener) {
        if (!Files.exists(out.resultsFile()))
            throw VlmscopeException.badInput(out.resultsFile(), "no extraction results here", "run 'vlmscope ids extract --out " + out.dir() + "' first");
        JsonNode header = ResultStore.read(out.resultsFile()).header();
        if (header == null || !NAME.equals(header.path("experiment").asText()))
            throw VlmscopeException.badInput(out.resultsFile(), "not a spatial-ID results file", "point --out at an 'ids extract' folder");
        JsonNode settings = header.path("settings");
        int cells = settings.path("cells").asInt(), axisSize = settings.path("axis_size").asInt();
        try (ResultStore store = ResultStore.open(out.resultsFile(), (ObjectNode) header)) {
            for (String role : List.of(MODEL, BASELINE)) {
                String dir = role.equals(MODEL) ? header.path("model").asText() : settings.path("baseline_model").asText(null);
                if (dir == null) continue;
                Path ids = idsFile(out, role);
                if (!Files.exists(ids))
                    throw VlmscopeException.badInput(ids, "no IDs yet", "finish 'vlmscope ids extract --out " + out.dir() + "' first");
                Map<Integer, PlaneFit> fits = new TreeMap<>();
                SpatialIds.universalFrom(VectorStore.read(ids)).forEach((layer, u) -> fits.put(layer, PlaneFit.of(u, cells, axisSize)));
                try (LoadedModel m = opener.apply(Path.of(dir))) {
                    Map<String, float[]> rows = new TreeMap<>();
                    Path existing = anchorsFile(out, role);
                    if (Files.exists(existing)) rows.putAll(VectorStore.read(existing));
                    rows.putAll(AnchorExtraction.run(m, role, anchors, fits, store));
                    writeAnchors(out, role, rows, m);
                }
            }
            out.writeSummary(summary(store.records(), header));
        }
    }

    public static Path idsFile(ExperimentOutput out, String role) {
        return out.dir().resolve(role.equals(MODEL) ? "ids.safetensors" : "ids-baseline.safetensors");
    }

    public static Path anchorsFile(ExperimentOutput out, String role) {
        return out.dir().resolve(role.equals(MODEL) ? "anchors.safetensors" : "anchors-baseline.safetensors");
    }

    private static void writeAnchors(ExperimentOutput out, String role, Map<String, float[]> rows, LoadedModel m) {
        ObjectNode meta = ExperimentOutput.object();
        meta.put("experiment", NAME).put("role", role).put("model", m.directory().toString());
        meta.put("keys", "L{L}/anchor/{name}/{word}: blocks.{L}.resid_post at the word's first occurrence, text-only prompt");
        VectorStore.write(anchorsFile(out, role), rows, meta);
    }

    private static ObjectNode idsMetadata(LoadedModel m, String role, IdsSettings settings) {
        ObjectNode meta = ExperimentOutput.object();
        meta.put("experiment", NAME).put("role", role).put("model", m.directory().toString());
        meta.set("settings", settings.toJson());
        meta.put("keys", "L{L}/universal/x{x}_y{y}_s{size}; L{L}/pair/{a}_{b}/x{x}_y{y}_s{size}; L{L}/axis/x|y (paper 1/36 form);"
                + " L{L}/axis_strict/x|y (mean one-step difference); L{L}/pair/{a}_{b}/axis[_strict]/x|y");
        meta.put("layer_convention", "L = block index of blocks.{L}.resid_post (paper Convention-E layer L + 1)");
        meta.put("cells", "x = column (0 = left), y = row (0 = top); size = object side in 224ths of a cell");
        return meta;
    }

    /** Appends the plane fit of the universal IDs and of each pair at every layer; returns the universal fits. */
    private static Map<Integer, PlaneFit> planeRecords(SpatialIds ids, String role, ResultStore store) {
        Map<Integer, PlaneFit> fits = new TreeMap<>();
        for (int layer : ids.layers()) {
            PlaneFit u = ids.universalFit(layer);
            fits.put(layer, u);
            ObjectNode universal = planeRecord(u, role, "universal", layer);
            PlaneNull.of(u.grid(), PlaneNull.DEFAULT_PERMUTATIONS, layer).into(universal);   // seeded by the layer
            append(store, role + "/plane/universal/L" + layer, universal);
            for (PairIds p : ids.pairs())
                append(store, role + "/plane/pair/" + p.name() + "/L" + layer,
                        planeRecord(ids.pairFit(p, layer), role, "pair/" + p.name(), layer));
        }
        return fits;
    }

    private static ObjectNode planeRecord(PlaneFit fit, String role, String set, int layer) {
        ObjectNode r = ExperimentOutput.object();
        r.put("kind", "plane").put("role", role).put("set", set).put("layer", layer);
        r.setAll(fit.toJson());
        return r;
    }

    private static void append(ResultStore store, String key, ObjectNode record) {
        if (!store.has(key)) store.append(key, record);
    }

    /** Significance level of the permutation null below which a layer's plane counts as beating it. */
    public static final double NULL_ALPHA = 0.05;

    /** summary.json from the plane records: per layer (universal set) the model's and the baseline's numbers. */
    public static ObjectNode summary(List<JsonNode> records, JsonNode header) {
        Map<Integer, JsonNode> model = new TreeMap<>(), baseline = new TreeMap<>();
        for (JsonNode r : records)
            if (r.path("kind").asText().equals("plane") && r.path("set").asText().equals("universal"))
                (r.path("role").asText().equals(MODEL) ? model : baseline).put(r.path("layer").asInt(), r);
        ObjectNode s = ExperimentOutput.object();
        s.put("experiment", NAME).put("model", header.path("model").asText());
        s.set("baseline_model", header.path("settings").path("baseline_model"));
        s.put("layer_convention", header.path("layer_convention").asText());
        s.put("ids_file", "ids.safetensors");
        s.put("explained_definition", "variance of the m×m universal IDs (axis size) projected on the plane of the x/y axes"
                + " over their total variance; pca2 = the top-2 PCA share of the same points (the best any plane can do)");
        s.put("null_definition", "null_p: permutation p-value of 'explained' with the m² cell labels shuffled"
                + " (1000 permutations, seeded by the layer); null_p95: the shuffled shares' 95th percentile; cv_r2:"
                + " leave-one-cell-out R² of the linear map (column, row) → ID; beats_null: null_p < " + NULL_ALPHA
                + " (claims are made only for such layers)");
        ArrayNode layers = s.putArray("layers");
        int best = -1;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Integer, JsonNode> e : model.entrySet()) {
            JsonNode r = e.getValue();
            ObjectNode l = layers.addObject();
            l.put("layer", e.getKey()).put("paper_layer", e.getKey() + 1);
            for (String f : List.of("explained", "explained_strict", "pca2", "axis_norm_x", "axis_norm_y",
                    "axis_strict_norm_x", "axis_strict_norm_y", "cos_xy", "cos_xy_strict", "null_mean", "null_p95",
                    "null_p", "cv_r2"))
                if (r.has(f)) l.set(f, r.path(f));
            if (r.has("null_p")) l.put("beats_null", r.path("null_p").asDouble() < NULL_ALPHA);
            JsonNode b = baseline.get(e.getKey());
            if (b != null) {
                ObjectNode bl = l.putObject("baseline");
                for (String f : List.of("explained", "explained_strict", "pca2", "cos_xy", "null_p", "cv_r2"))
                    if (b.has(f)) bl.set(f, b.path(f));
            }
            double v = r.path("explained").asDouble(Double.NaN);
            if (v > bestValue) {
                bestValue = v;
                best = e.getKey();
            }
        }
        if (best >= 0) {
            ObjectNode b = s.putObject("best_layer");
            b.put("layer", best).put("paper_layer", best + 1).put("explained", bestValue);
            JsonNode base = baseline.get(best);
            if (base != null) b.set("baseline_explained", base.path("explained"));
        }
        return s;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) Files.delete(p);
        } catch (IOException e) {
            throw VlmscopeException.badInput(dir, "cannot delete (" + e.getMessage() + ")", "delete it by hand", e);
        }
    }
}
