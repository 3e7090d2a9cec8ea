package vlmscope.experiments.swap;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.report.Headline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report headline of a swap summary (Fig 4A, 4B, A6, and Fig 10A through {@link #of(JsonNode, String, String,
 * String)}): per answer label the object tokens' peak shift and its layer, the pooled ratio there, the image tokens'
 * shift at the first layer and at that peak, and the control tokens' largest |mean|; the verdict from explicit rules.
 */
public final class SwapHeadline {

    /** Object tokens must carry at least this share of the effect at their peak for "moves into the object tokens". */
    static final double OBJECT_PEAK = 0.5;
    /** Control tokens (and the attribute swap's object tokens) must stay within this of 0. */
    static final double NEGLIGIBLE = 0.1;
    /** The attribute swap's pooled object shift counts as "no effect" below this in size. */
    static final double ATTRIBUTE_NONE = 0.2;

    private SwapHeadline() {
    }

    /** Headline of a spatial swap run of {@code mode} (mirror, attribute, colour). */
    public static Headline of(JsonNode summary, String mode) {
        return switch (mode) {
            case "attribute" -> attribute(summary);
            case "colour" -> of(summary, "Fig A6 — colour swapping (binding; a vlmscope extension, not a figure of the paper)",
                    "The answer's colour flows from the image tokens into the object-word tokens (colour binds through the object tokens).",
                    "reproduced in direction");
            default -> of(summary, "Fig 4A — mirror swapping",
                    "The mirror image's effect on left/right moves from the image tokens into the object-word tokens in the"
                            + " middle layers; control tokens carry nothing.", "reproduced");
        };
    }

    /** Headline of a flow-into-object-tokens claim: image → objects with a null control set. */
    public static Headline of(JsonNode summary, String figure, String claim, String positive) {
        JsonNode sets = summary.path("sets");
        List<String[]> rows = new ArrayList<>();
        boolean holds = sets.has("objects") && sets.has("control");
        double controlMax = 0;
        for (Map.Entry<String, JsonNode> e : sets.path("control").properties()) {
            for (double v : Headline.doubles(e.getValue().path("mean"))) if (Double.isFinite(v)) controlMax = Math.max(controlMax, Math.abs(v));
        }
        for (Map.Entry<String, JsonNode> e : sets.path("objects").properties()) {
            String label = e.getKey();
            JsonNode o = e.getValue();
            int peak = o.path("peak_layer").asInt(-1);
            double peakMean = o.path("peak_mean_shift").asDouble(Double.NaN);
            double pooled = at(o, "pooled", peak);
            JsonNode image = sets.path("image").path(label);
            double imageFirst = image.path("mean").path(0).asDouble(Double.NaN), imageAtPeak = at(image, "mean", peak);
            rows.add(new String[] {"object tokens, \"" + label + "\": peak mean shift (layer)",
                    Headline.num(peakMean) + " (L" + peak + "), pooled " + Headline.num(pooled)});
            rows.add(new String[] {"image tokens, \"" + label + "\": first layer → L" + peak, Headline.num(imageFirst) + " → " + Headline.num(imageAtPeak)});
            holds &= peakMean >= OBJECT_PEAK && imageAtPeak < imageFirst;
        }
        rows.add(new String[] {"control tokens: largest |mean shift|", Headline.num(controlMax)});
        rows.add(new String[] {"samples", summary.path("samples").asText()});
        holds &= controlMax <= NEGLIGIBLE;
        String verdict = (holds ? positive : "not reproduced") + " — rule: object tokens' peak mean shift ≥ " + OBJECT_PEAK
                + " for every answer, the image tokens' shift lower there than at the first layer, control tokens' |mean| ≤ " + NEGLIGIBLE;
        return new Headline(figure, claim, verdict,
                "control text tokens: as many text positions as the object words, drawn at random (seeded)",
                "none beyond the control set: mean ± std over samples (see the figure's bands)", rows);
    }

    private static Headline attribute(JsonNode summary) {
        List<String[]> rows = new ArrayList<>();
        double worst = 0;
        for (Map.Entry<String, JsonNode> e : summary.path("sets").path("objects").properties()) {
            double[] pooled = Headline.doubles(e.getValue().path("pooled"));
            double[] mean = Headline.doubles(e.getValue().path("mean"));
            double[] median = Headline.doubles(e.getValue().path("median_kept"));
            for (double v : pooled) if (Double.isFinite(v)) worst = Math.max(worst, Math.abs(v));
            rows.add(new String[] {"object tokens, \"" + e.getKey() + "\": pooled ratio per layer", Headline.nums(pooled)});
            rows.add(new String[] {"… median per layer", Headline.nums(median)});
            rows.add(new String[] {"… mean per layer (tiny denominators included)", Headline.nums(mean)});
            int excluded = 0;
            for (JsonNode n : e.getValue().path("n_excluded")) excluded = Math.max(excluded, n.asInt());
            rows.add(new String[] {"… samples excluded (|c − i| < " + summary.path("min_denominator").asText() + ")",
                    "up to " + excluded + " of " + summary.path("samples").asText() + " per layer"});
        }
        boolean none = worst <= ATTRIBUTE_NONE;
        return new Headline("Fig 4B — attribute swapping (rainbow recolour, layout unchanged)",
                "A counterfactual that changes colours but not the layout moves no spatial answer through the object tokens.",
                (none ? "reproduced" : "not reproduced") + " — rule: the object tokens' pooled ratio Σ s(c−p) / Σ|c−i| stays within ±"
                        + ATTRIBUTE_NONE + " at every layer (largest |pooled| " + Headline.num(worst) + ")",
                "the mirror swap (Fig 4A) on the same scenes, which does move the answer",
                "samples whose recolour barely moves the answer (|c − i| below the threshold) are excluded and counted; the"
                        + " pooled ratio weights samples by |c − i|", rows);
    }

    private static double at(JsonNode curve, String field, int layer) {
        JsonNode layers = curve.path("layers");
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).asInt() == layer) return curve.path(field).path(i).asDouble(Double.NaN);
        }
        return Double.NaN;
    }
}
