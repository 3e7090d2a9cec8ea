package vlmscope.experiments.ids;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.analysis.AxesPlane;
import vlmscope.analysis.GridAxes;
import vlmscope.analysis.Pca;
import vlmscope.analysis.Vectors;
import vlmscope.experiments.ExperimentOutput;

import java.util.Map;

/**
 * The axes of one ID set at one layer and how much of the set lies in their plane (docs/paper-mapping.md#ids): the
 * m×m IDs at the axis size give the paper-form and strict-pair axes; each pair of axes spans a plane; explained
 * variance = variance of the m² points' 2-D projection / their total variance. {@code pca2} is the best any plane
 * can do (the top-2 PCA share of the same points), for scale.
 */
public record PlaneFit(GridAxes.Axes paper, GridAxes.Axes strict, AxesPlane plane, AxesPlane strictPlane,
                       double explained, double explainedStrict, double pca2, double[][][] grid) {

    /** Fits the axes of {@code ids} (loc → ID) on the m×m cells at size label {@code size}. */
    public static PlaneFit of(Map<GridLoc, float[]> ids, int cells, int size) {
        double[][][] grid = new double[cells][cells][]; // [m, m, d] indexed [x][y]
        double[][] points = new double[cells * cells][];
        for (int x = 0; x < cells; x++)
            for (int y = 0; y < cells; y++) {
                float[] id = ids.get(new GridLoc(x, y, size));
                if (id == null) throw new IllegalStateException("no ID at " + new GridLoc(x, y, size).key());
                grid[x][y] = Vectors.toDouble(id);
                points[x * cells + y] = grid[x][y];
            }
        GridAxes.Axes paper = GridAxes.paper(grid), strict = GridAxes.strict(grid);
        AxesPlane plane = AxesPlane.of(paper.x(), paper.y()), strictPlane = AxesPlane.of(strict.x(), strict.y());
        return new PlaneFit(paper, strict, plane, strictPlane, plane.explainedVariance(points),
                strictPlane.explainedVariance(points), Pca.fit(points).explainedRatio(2), grid);
    }

    /** The numbers of this fit as a results record: explained variances, axis norms, cosines and the points. */
    public ObjectNode toJson() {
        ObjectNode r = ExperimentOutput.object();
        r.put("explained", explained).put("explained_strict", explainedStrict).put("pca2", pca2);
        r.put("axis_norm_x", Vectors.norm(paper.x())).put("axis_norm_y", Vectors.norm(paper.y()));
        r.put("axis_strict_norm_x", Vectors.norm(strict.x())).put("axis_strict_norm_y", Vectors.norm(strict.y()));
        r.put("cos_xy", Vectors.cosine(paper.x(), paper.y()));
        r.put("cos_xy_strict", Vectors.cosine(strict.x(), strict.y()));
        r.put("cos_x_strict_x", Vectors.cosine(paper.x(), strict.x()));
        r.put("cos_y_strict_y", Vectors.cosine(paper.y(), strict.y()));
        ArrayNode pts = r.putArray("points");
        for (int x = 0; x < grid.length; x++)
            for (int y = 0; y < grid.length; y++) {
                double[] c = plane.project(grid[x][y]), cs = strictPlane.project(grid[x][y]);
                pts.addObject().put("x", x).put("y", y).put("c1", c[0]).put("c2", c[1])
                        .put("c1_strict", cs[0]).put("c2_strict", cs[1]);
            }
        return r;
    }
}
