package vlmscope.experiments.ids;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.analysis.Vectors;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.Progress;
import vlmscope.hooks.Site;
import vlmscope.hooks.Sites;
import vlmscope.engine.Trace;
import vlmscope.engine.TraceSpec;
import vlmscope.engine.Inputs;
import vlmscope.processing.ModelInput;
import vlmscope.processing.Occurrence;
import vlmscope.results.ResultStore;
import vlmscope.results.VectorStore;
import vlmscope.engine.LoadedModel;
import vlmscope.world.GridCell;
import vlmscope.world.GridNaming;
import vlmscope.world.RenderSpec;
import vlmscope.world.WorldDatasets;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs one model over the grid images of every pair (docs/paper-mapping.md#ids) and returns the pair IDs. For each pair the
 * prompt is the settings' question in the checkpoint's chat format with the image first (path (a), docs/paper-mapping.md#prompts); the target
 * word b is read at its first occurrence (the paper's {@code last_only}) from {@code blocks.{L}.resid_post} for all
 * layers in one trace per image.
 *
 * <p>Resumable at two grains: one JSONL record per image ({@code {role}/img/{a}_{b}/{ax}_{ay}/{bx}_{by}_{size}}, with
 * the row norms per layer) and, once a reference cell's images are all done, its centred rows in
 * {@code work/{role}/{a}_{b}/A{ax}_{ay}.safetensors} (keys {@code L{L}/x{bx}_y{by}_s{size}}). A finished cell is
 * read back instead of re-run; an unfinished one is re-run, appending only the records it lacks.
 */
public final class GridExtraction {

    private final LoadedModel model;
    private final String role;
    private final IdsSettings settings;
    private final ResultStore store;
    private final Path workDir;

    /** Images still allowed to run in this process (a test's interruption); {@link Long#MAX_VALUE} = no limit. */
    private long budget;

    public GridExtraction(LoadedModel model, String role, IdsSettings settings, ResultStore store, Path outDir, long limit) {
        this.model = model;
        this.role = role;
        this.settings = settings;
        this.store = store;
        this.workDir = outDir.resolve("work").resolve(role);
        this.budget = limit;
    }

    /** Images this extraction may still run before its limit stops it. */
    public long remaining() {
        return budget;
    }

    /** Images of one pair. */
    public int imagesPerPair() {
        int cc = settings.cells() * settings.cells();
        return settings.sizes().size() * cc * (cc - 1);
    }

    /** Pair IDs of every pair, or null when the image limit stopped the run first. */
    public List<PairIds> run(Progress progress) {
        List<PairIds> out = new ArrayList<>();
        for (int p = 0; p < settings.pairs().size(); p++) {
            PairIds ids = pair(p, progress);
            if (ids == null) return null;
            out.add(ids);
        }
        return out;
    }

    private PairIds pair(int pairIndex, Progress progress) {
        List<String> kinds = RenderSpec.kindsOf(settings.pairs().get(pairIndex));
        String a = kinds.get(0), b = kinds.get(1), name = a + "_" + b;
        ModelInput input = model.prepare(model.render(settings.question(a, b), false, true), 1);
        int position = model.locator().positions(input, b, Occurrence.FIRST)[0];
        String piece = model.locator().lastPiece(b);
        int m = settings.cells();
        Map<Integer, Map<GridLoc, double[]>> sums = new TreeMap<>();
        Map<GridLoc, Integer> counts = new LinkedHashMap<>();
        for (int ax = 0; ax < m; ax++)
            for (int ay = 0; ay < m; ay++) {
                Map<String, float[]> centred = referenceCell(pairIndex, name, new GridCell(ax, ay), input, position, piece, progress);
                if (centred == null) return null;
                for (Map.Entry<String, float[]> e : centred.entrySet()) {
                    int slash = e.getKey().indexOf('/');
                    int layer = Integer.parseInt(e.getKey().substring(1, slash));
                    GridLoc loc = parseLoc(e.getKey().substring(slash + 1));
                    double[] sum = sums.computeIfAbsent(layer, k -> new LinkedHashMap<>())
                            .computeIfAbsent(loc, k -> new double[e.getValue().length]);
                    Vectors.addScaled(sum, Vectors.toDouble(e.getValue()), 1.0);
                    if (layer == settings.layers()[0]) counts.merge(loc, 1, Integer::sum);
                }
            }
        Map<Integer, Map<GridLoc, float[]>> byLayer = new TreeMap<>();
        for (Map.Entry<Integer, Map<GridLoc, double[]>> l : sums.entrySet()) {
            Map<GridLoc, float[]> ids = new LinkedHashMap<>();
            for (Map.Entry<GridLoc, double[]> e : l.getValue().entrySet())
                ids.put(e.getKey(), Vectors.toFloat(Vectors.scale(e.getValue(), 1.0 / counts.get(e.getKey()))));
            byLayer.put(l.getKey(), ids);
        }
        return new PairIds(a, b, byLayer);
    }

    /** Centred rows of one reference cell, keyed {@code L{L}/x_y_s}; read back when done before; null at the limit. */
    private Map<String, float[]> referenceCell(int pairIndex, String name, GridCell aCell, ModelInput input, int position,
                                              String piece, Progress progress) {
        Path chunk = workDir.resolve(name).resolve("A" + aCell.col() + "_" + aCell.row() + ".safetensors");
        int perCell = settings.sizes().size() * (settings.cells() * settings.cells() - 1);
        if (Files.exists(chunk)) {
            progress.skip(perCell);
            return VectorStore.read(chunk);
        }
        int[] layers = settings.layers();
        Set<Site> sites = new HashSet<>();
        for (int layer : layers) sites.add(Sites.residPost(layer));
        TraceSpec spec = TraceSpec.of(sites);
        Map<GridLoc, float[][]> raw = new LinkedHashMap<>(); // loc → [layers, d]
        for (int sizeIndex = 0; sizeIndex < settings.sizes().size(); sizeIndex++)
            for (int bx = 0; bx < settings.cells(); bx++)
                for (int by = 0; by < settings.cells(); by++) {
                    GridCell bCell = new GridCell(bx, by);
                    if (bCell.equals(aCell)) continue;
                    if (budget <= 0) return null;
                    budget--;
                    int size = settings.sizes().get(sizeIndex);
                    WorldDatasets.RenderedSample sample = WorldDatasets.render(settings.renderSpec(),
                            imageIndex(pairIndex, sizeIndex, aCell, bCell));
                    GridNaming.GridName parsed = GridNaming.parsePaperPath(sample.sample().images().getFirst());
                    if (!parsed.cellA().equals(aCell) || !parsed.cellB().equals(bCell) || parsed.size() != size)
                        throw new IllegalStateException("grid index mismatch: " + sample.sample().images().getFirst());
                    float[][] rows = rowsOf(sample.images().getFirst(), input, position, layers, spec); // [layers, d]
                    raw.put(new GridLoc(bx, by, size), rows);
                    String key = role + "/img/" + name + "/" + aCell.col() + "_" + aCell.row() + "/" + bx + "_" + by + "_" + size;
                    if (!store.has(key)) store.append(key, imageRecord(name, aCell, bCell, size, piece, position, layers, rows));
                    progress.step(role + " " + name);
                }
        Map<String, float[]> centred = new TreeMap<>();
        for (int li = 0; li < layers.length; li++) {
            double[][] block = new double[raw.size()][]; // [locs, d]
            int i = 0;
            for (float[][] rows : raw.values()) block[i++] = Vectors.toDouble(rows[li]);
            double[][] c = Vectors.centred(block);
            i = 0;
            for (GridLoc loc : raw.keySet()) centred.put("L" + layers[li] + "/" + loc.key(), Vectors.toFloat(c[i++]));
        }
        ObjectNode meta = ExperimentOutput.object();
        meta.put("role", role).put("pair", name).put("reference_cell", aCell.col() + "_" + aCell.row());
        VectorStore.write(chunk, centred, meta);
        return centred;
    }

    /** Index of an image in the world's grid dataset ({@code GridGenerator.image} order). */
    private int imageIndex(int pairIndex, int sizeIndex, GridCell a, GridCell b) {
        int m = settings.cells(), cc = m * m;
        int aIndex = a.col() * m + a.row(), bIndex = b.col() * m + b.row();
        int bSlot = bIndex < aIndex ? bIndex : bIndex - 1;
        return pairIndex * imagesPerPair() + sizeIndex * cc * (cc - 1) + aIndex * (cc - 1) + bSlot;
    }

    private float[][] rowsOf(BufferedImage image, ModelInput input, int position, int[] layers, TraceSpec spec) {
        float[] pixels = model.pixels(image); // the family's pixel array ([3, S, S] CHW for LLaVA)
        try (Trace trace = model.hooked().trace(new Inputs(input.ids(), List.of(pixels)), spec)) {
            float[][] rows = new float[layers.length][];
            for (int i = 0; i < layers.length; i++) rows[i] = trace.rows(Sites.residPost(layers[i]), position)[0]; // [d]
            return rows;
        }
    }

    private ObjectNode imageRecord(String name, GridCell a, GridCell b, int size, String piece, int position,
                                   int[] layers, float[][] rows) {
        ObjectNode r = ExperimentOutput.object();
        r.put("kind", "image").put("role", role).put("pair", name);
        r.putArray("a_cell").add(a.col()).add(a.row());
        r.putArray("b_cell").add(b.col()).add(b.row());
        r.put("size", size).put("token", piece).put("position", position);
        ArrayNode ls = r.putArray("layers"), norms = r.putArray("norm");
        for (int i = 0; i < layers.length; i++) {
            ls.add(layers[i]);
            norms.add(Vectors.norm(Vectors.toDouble(rows[i])));
        }
        return r;
    }

    static GridLoc parseLoc(String key) {
        String[] parts = key.split("_");
        return new GridLoc(Integer.parseInt(parts[0].substring(1)), Integer.parseInt(parts[1].substring(1)),
                Integer.parseInt(parts[2].substring(1)));
    }
}
