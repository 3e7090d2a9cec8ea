package vlmscope.report;

import java.util.List;

/**
 * What a report section opens with: the paper's figure and claim, the verdict on this run with the control and the
 * null or significance test it rests on, and the headline numbers as a small table (label, value). Made by each
 * experiment's {@link FigureMaker} from its stored results alone.
 *
 * @param figure  the paper's figure, e.g. "Fig 4A — mirror swapping"
 * @param claim   the paper's claim in one sentence
 * @param verdict this run's verdict, with the rule that produced it
 * @param control the control the verdict is measured against
 * @param test    the null or significance test ("none" when the experiment has none)
 * @param numbers the headline numbers: {label, value} rows
 */
public record Headline(String figure, String claim, String verdict, String control, String test, List<String[]> numbers) {

    public Headline {
        numbers = List.copyOf(numbers);
    }

    /** A number for the headline table: 3 significant digits, "—" when not finite. */
    public static String num(double v) {
        if (!Double.isFinite(v)) return "—";
        if (v == 0) return "0";
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** Numbers as "a, b, c" with {@link #num}. */
    public static String nums(double... v) {
        List<String> parts = new java.util.ArrayList<>();
        for (double x : v) parts.add(num(x));
        return String.join(", ", parts);
    }

    /** The values of a JSON array as doubles (null → NaN). */
    public static double[] doubles(com.fasterxml.jackson.databind.JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).isNumber() ? array.get(i).asDouble() : Double.NaN;
        return out;
    }
}
