package vlmscope.report;

/** Continuous colour maps for heatmaps, sampled from matplotlib's tables and linearly interpolated. */
public enum ColourMap {
    /** matplotlib's default sequential map. */
    VIRIDIS("#440154", "#482475", "#414487", "#355f8d", "#2a788e", "#21918c", "#22a884", "#44bf70", "#7ad151",
            "#bddf26", "#fde725"),
    /** Diverging blue (low) – white – red (high), matplotlib's "RdBu_r"; good for signed quantities around 0. */
    RDBU_R("#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7", "#fddbc7", "#f4a582", "#d6604d",
            "#b2182b", "#67001f");

    private final Colour[] stops;

    ColourMap(String... hex) {
        stops = new Colour[hex.length];
        for (int i = 0; i < hex.length; i++) stops[i] = Colour.hex(hex[i]);
    }

    /** The colour at {@code t} in [0, 1] (clamped). */
    public Colour at(double t) {
        double c = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min((int) Math.floor(c), stops.length - 2);
        return stops[i].mix(stops[i + 1], c - i);
    }
}
