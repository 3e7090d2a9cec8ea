package vlmscope.experiments.ids;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.analysis.GridAxes;
import vlmscope.analysis.Vectors;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.hooks.Sites;
import vlmscope.engine.Trace;
import vlmscope.engine.TraceSpec;
import vlmscope.engine.Inputs;
import vlmscope.model.Precision;
import vlmscope.processing.ModelInput;
import vlmscope.processing.Occurrence;
import vlmscope.results.VectorStore;
import vlmscope.engine.LoadedModel;
import vlmscope.world.BackgroundChoice;
import vlmscope.world.RenderSpec;
import vlmscope.world.SceneKind;
import vlmscope.world.WorldDatasets;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The stored IDs and axes equal a by-hand re-derivation (docs/paper-mapping.md#ids) from independent forward passes. */
class IdsDerivationTest {

    private static final Path FIXTURE = Path.of("fixtures/llava-tiny-5678");

    @Test
    void idsMatchCentringPerReferenceCellThenAveraging(@TempDir Path tmp) {
        try (LoadedModel lm = LoadedModel.open(FIXTURE, Precision.FP32)) {
            IdsSettings settings = new IdsSettings(List.of("dog,cat"), 2, List.of(224), 224, 0, BackgroundChoice.BLACK,
                    null, new int[] {2}, 224);
            ExperimentOutput out = new ExperimentOutput(tmp.resolve("ids"));
            assertNotNull(IdsExperiment.extract(lm, null, settings, List.of(), out, false, Long.MAX_VALUE, List.of("test")));
            checkAgainstHandDerivation(lm, VectorStore.read(out.dir().resolve("ids.safetensors")));
        }
    }

    /** IDs from scratch: forward each image, centre per reference cell, average per loc; compare with the file. */
    private static void checkAgainstHandDerivation(LoadedModel lm, Map<String, float[]> ids) {
        RenderSpec spec = new RenderSpec(SceneKind.GRID, 1, 0, 224, 2, List.of("dog,cat"), List.of(224), BackgroundChoice.BLACK, 2, 2);
        {
            ModelInput input = lm.prepare(lm.render("Is the cat to the left or right of the dog? Answer left or right.", false, true), 1);
            int pos = lm.locator().positions(input, "cat", Occurrence.FIRST)[0];
            int layer = 2;
            Map<String, double[]> sums = new HashMap<>();
            Map<String, Integer> counts = new HashMap<>();
            for (int a = 0; a < 4; a++) {                     // 4 reference cells × 3 target cells, in dataset order
                double[][] rows = new double[3][];
                String[] locs = new String[3];
                for (int j = 0; j < 3; j++) {
                    WorldDatasets.RenderedSample s = WorldDatasets.render(spec, a * 3 + j);
                    String path = s.sample().images().getFirst(); // dog_cat/{ax}_{ay}/{bx}_{by}_224.png
                    String[] b = path.substring(path.lastIndexOf('/') + 1).split("_");
                    locs[j] = "x" + b[0] + "_y" + b[1] + "_s224";
                    float[] px = lm.imageProcessor().preprocess(s.images().getFirst());
                    try (Trace t = lm.hooked().trace(new Inputs(input.ids(), List.of(px)), TraceSpec.residuals())) {
                        rows[j] = Vectors.toDouble(t.rows(Sites.residPost(layer), pos)[0]);
                    }
                }
                double[][] centred = Vectors.centred(rows);
                for (int j = 0; j < 3; j++) {
                    sums.merge(locs[j], centred[j], Vectors::add);
                    counts.merge(locs[j], 1, Integer::sum);
                }
            }
            double[][][] grid = new double[2][2][];
            for (Map.Entry<String, double[]> e : sums.entrySet()) {
                double[] expected = Vectors.scale(e.getValue(), 1.0 / counts.get(e.getKey()));
                assertEquals(3, counts.get(e.getKey()));
                assertArrayEquals(Vectors.toFloat(expected), ids.get("L2/universal/" + e.getKey()), 1e-5f);
                int x = e.getKey().charAt(1) - '0', y = e.getKey().charAt(4) - '0';
                grid[x][y] = expected;
            }
            // m = 2: the paper axis is half the mean one-step difference, the strict axis the difference itself.
            assertArrayEquals(Vectors.toFloat(GridAxes.paper(grid).x()), ids.get("L2/axis/x"), 1e-5f);
            assertArrayEquals(Vectors.toFloat(Vectors.scale(Vectors.sub(Vectors.add(grid[1][0], grid[1][1]),
                    Vectors.add(grid[0][0], grid[0][1])), 0.5)), ids.get("L2/axis_strict/x"), 1e-5f);
        }
    }

    private static void assertArrayEquals(float[] expected, float[] actual, float tol) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], tol, "coordinate " + i);
    }
}
