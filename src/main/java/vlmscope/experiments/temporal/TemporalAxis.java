package vlmscope.experiments.temporal;

import vlmscope.analysis.Pca;
import vlmscope.analysis.Vectors;

/**
 * The 1-D PCA of Fig 10B (docs/paper-mapping.md#temporal, {@code plot_1d_pca}): one principal component of the per-frame ID
 * vectors [F, d] (centred, as sklearn), its sign chosen so that frame 0 scores below the last frame (the paper:
 * "if frame 1's score is greater than frame 7's, flip"), and min-max normalisation of the frame scores to [0, 1];
 * other vectors (the text anchors "before"/"after") are projected and normalised the same way.
 *
 * @param mean      the PCA mean [d]
 * @param component the signed unit component [d]
 * @param explained share of the total variance on the component
 * @param scores    raw signed scores of the frames [F]
 * @param min       smallest frame score (maps to 0)
 * @param max       largest frame score (maps to 1)
 */
public record TemporalAxis(double[] mean, double[] component, double explained, double[] scores, double min,
                           double max) {

    /** Fits the axis to the frame vectors {@code frameIds} [F, d], F ≥ 2. */
    public static TemporalAxis fit(double[][] frameIds) {
        if (frameIds.length < 2) throw new IllegalArgumentException("a temporal axis needs at least two frames");
        Pca pca = Pca.fit(frameIds);
        double[] mean = pca.mean();
        double[] component = pca.component(0);
        double[] scores = new double[frameIds.length];
        for (int f = 0; f < frameIds.length; f++) scores[f] = pca.project(frameIds[f], 1)[0];
        if (scores[0] > scores[scores.length - 1]) {
            component = Vectors.scale(component, -1);
            for (int f = 0; f < scores.length; f++) scores[f] = -scores[f];
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        return new TemporalAxis(mean, component, pca.explainedRatio(1), scores, min, max);
    }

    /** Signed score of any vector on the axis [d] → scalar. */
    public double score(double[] x) {
        return Vectors.dot(Vectors.sub(x, mean), component);
    }

    /** The score min-max normalised as the frames (frames span [0, 1]; NaN when all frames score alike). */
    public double normalised(double[] x) {
        return normalise(score(x));
    }

    public double normalise(double score) {
        return max > min ? (score - min) / (max - min) : Double.NaN;
    }

    /** The frames' normalised scores [F]. */
    public double[] normalisedScores() {
        double[] out = new double[scores.length];
        for (int f = 0; f < out.length; f++) out[f] = normalise(scores[f]);
        return out;
    }

    /** Spearman rank correlation of the frame scores with frame order (1 = strictly increasing in time). */
    public double rankCorrelation() {
        int n = scores.length;
        double[] ranks = ranks(scores);
        double mr = (n - 1) / 2.0, num = 0, a = 0, b = 0;
        for (int f = 0; f < n; f++) {
            num += (f - mr) * (ranks[f] - mr);
            a += (f - mr) * (f - mr);
            b += (ranks[f] - mr) * (ranks[f] - mr);
        }
        return a > 0 && b > 0 ? num / Math.sqrt(a * b) : Double.NaN;
    }

    /** 0-based ranks, ties given their mean rank. */
    private static double[] ranks(double[] v) {
        int n = v.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(v[x], v[y]));
        double[] r = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && v[order[j + 1]] == v[order[i]]) j++;
            for (int k = i; k <= j; k++) r[order[k]] = (i + j) / 2.0;
            i = j + 1;
        }
        return r;
    }
}
