package vlmscope.verify;

import com.fasterxml.jackson.databind.JsonNode;

/** Compares preprocessed pixels with a fixture's pixel-value statistics. */
final class PixelStats {

    private PixelStats() {
    }

    /** @param pixels [3, h, w] CHW float32 */
    static GroupResult compare(JsonNode expected, float[] pixels, int h, int w, double abs) {
        Comparison c = new Comparison("pixel_values", abs, 0);
        JsonNode shape = expected.path("shape");
        c.require("shape", shape.size() == 4 && shape.get(1).asInt() == 3 && shape.get(2).asInt() == h
                && shape.get(3).asInt() == w, "expected " + shape + ", got [1, 3, " + h + ", " + w + "]");
        int plane = h * w;
        for (int ch = 0; ch < 3; ch++) {
            MatrixStats m = MatrixStats.of(pixels, ch * plane, h, w);                   // over [h, w]
            c.add("channel_sum[" + ch + "]", expected.path("channel_sum").get(ch).asDouble(), m.sum(), abs * plane);
            c.add("channel_sum_sq[" + ch + "]", expected.path("channel_sum_sq").get(ch).asDouble(), m.sumSq(), abs * plane * 8);
            c.add("channel_min[" + ch + "]", expected.path("channel_min").get(ch).asDouble(), m.min());
            c.add("channel_max[" + ch + "]", expected.path("channel_max").get(ch).asDouble(), m.max());
            for (int y = 0; y < h; y++) c.add("row_sums[" + ch + "][" + y + "]", expected.path("row_sums").get(ch).get(y).asDouble(), m.rowSums()[y], abs * w);
            for (int x = 0; x < w; x++) c.add("col_sums[" + ch + "][" + x + "]", expected.path("col_sums").get(ch).get(x).asDouble(), m.colSums()[x], abs * h);
        }
        for (JsonNode s : expected.path("samples_c_y_x_value")) {
            int ch = s.get(0).asInt(), y = s.get(1).asInt(), x = s.get(2).asInt();
            c.add("pixel[" + ch + "," + y + "," + x + "]", s.get(3).asDouble(), pixels[ch * plane + y * w + x]);
        }
        return c.result();
    }
}
