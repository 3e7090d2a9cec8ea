package vlmscope.verify;

/** One verified group of golden values (e.g. pixel values, one layer's hidden states, one intervention). */
public record GroupResult(String group, long compared, double maxAbs, double maxRel, boolean pass, String detail) {
}
