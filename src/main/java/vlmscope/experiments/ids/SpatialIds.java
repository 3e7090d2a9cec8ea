package vlmscope.experiments.ids;

import vlmscope.analysis.Vectors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * All IDs of one model: the pair IDs and the universal IDs (docs/paper-mapping.md#ids: per layer and loc, the mean over pairs
 * of the pair IDs), with their axes, flattened into the {@link IdKeys} scheme for {@code ids.safetensors}.
 */
public final class SpatialIds {

    private final List<PairIds> pairs;
    private final Map<Integer, Map<GridLoc, float[]>> universal = new TreeMap<>();
    private final int cells, axisSize;

    public SpatialIds(List<PairIds> pairs, int cells, int axisSize) {
        if (pairs.isEmpty()) throw new IllegalArgumentException("no pairs");
        this.pairs = List.copyOf(pairs);
        this.cells = cells;
        this.axisSize = axisSize;
        for (int layer : pairs.getFirst().byLayer().keySet()) {
            Map<GridLoc, float[]> mean = new LinkedHashMap<>();
            for (GridLoc loc : pairs.getFirst().byLayer().get(layer).keySet()) {
                double[] sum = null;
                for (PairIds p : pairs) {
                    double[] v = Vectors.toDouble(p.byLayer().get(layer).get(loc));
                    if (sum == null) sum = v;
                    else Vectors.addScaled(sum, v, 1.0);
                }
                mean.put(loc, Vectors.toFloat(Vectors.scale(sum, 1.0 / pairs.size())));
            }
            universal.put(layer, mean);
        }
    }

    public List<PairIds> pairs() {
        return pairs;
    }

    /** Layers, ascending. */
    public List<Integer> layers() {
        return List.copyOf(universal.keySet());
    }

    /** Universal IDs of a layer: loc → [d]. */
    public Map<GridLoc, float[]> universal(int layer) {
        return universal.get(layer);
    }

    /** Axes and plane of the universal IDs at a layer. */
    public PlaneFit universalFit(int layer) {
        return PlaneFit.of(universal.get(layer), cells, axisSize);
    }

    /** Axes and plane of one pair's IDs at a layer. */
    public PlaneFit pairFit(PairIds pair, int layer) {
        return PlaneFit.of(pair.byLayer().get(layer), cells, axisSize);
    }

    /** Every ID and axis under its {@link IdKeys} key. */
    public Map<String, float[]> vectors() {
        Map<String, float[]> out = new TreeMap<>();
        for (int layer : universal.keySet()) {
            universal.get(layer).forEach((loc, v) -> out.put(IdKeys.universal(layer, loc), v));
            PlaneFit u = universalFit(layer);
            putAxes(out, layer, null, u);
            for (PairIds p : pairs) {
                p.byLayer().get(layer).forEach((loc, v) -> out.put(IdKeys.pair(layer, p.name(), loc), v));
                putAxes(out, layer, p.name(), pairFit(p, layer));
            }
        }
        return out;
    }

    /** Universal IDs read back from an {@code ids.safetensors} map: layer → loc → [d]. */
    public static Map<Integer, Map<GridLoc, float[]>> universalFrom(Map<String, float[]> vectors) {
        Map<Integer, Map<GridLoc, float[]>> out = new TreeMap<>();
        for (Map.Entry<String, float[]> e : vectors.entrySet()) {
            String[] parts = e.getKey().split("/");
            if (parts.length != 3 || !parts[1].equals("universal")) continue;
            out.computeIfAbsent(Integer.parseInt(parts[0].substring(1)), k -> new LinkedHashMap<>())
                    .put(GridExtraction.parseLoc(parts[2]), e.getValue());
        }
        return out;
    }

    private static void putAxes(Map<String, float[]> out, int layer, String pair, PlaneFit fit) {
        for (boolean strict : new boolean[] {false, true}) {
            double[] x = strict ? fit.strict().x() : fit.paper().x(), y = strict ? fit.strict().y() : fit.paper().y();
            out.put(pair == null ? IdKeys.axis(layer, strict, "x") : IdKeys.pairAxis(layer, pair, strict, "x"), Vectors.toFloat(x));
            out.put(pair == null ? IdKeys.axis(layer, strict, "y") : IdKeys.pairAxis(layer, pair, strict, "y"), Vectors.toFloat(y));
        }
    }
}
