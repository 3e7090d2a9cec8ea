package vlmscope.experiments.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.report.Headline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report headlines of Fig 10B (temporal IDs), 10C (temporal steering) and A17 (spatiotemporal grid). */
final class TemporalHeadlines {

    /** A steering effect counts when it moves log P(before) − log P(after) by more than this many nats. */
    static final double EFFECT = 1.0;

    /** Significance level of the Fig 10B permutation p-values. */
    static final double NULL_ALPHA = 0.05;

    private TemporalHeadlines() {
    }

    static Headline ids(JsonNode summary) {
        List<String[]> rows = new ArrayList<>();
        List<String> ev = new ArrayList<>(), rank = new ArrayList<>(), layers = new ArrayList<>(), pEv = new ArrayList<>(),
                pRank = new ArrayList<>();
        summary.path("layers").properties().forEach(e -> {
            layers.add("L" + e.getKey());
            ev.add(Headline.num(e.getValue().path("explained_variance_ratio").asDouble(Double.NaN)));
            rank.add(Headline.num(e.getValue().path("rank_correlation_with_time").asDouble(Double.NaN)));
            pEv.add(Headline.num(e.getValue().path("null_p_explained").asDouble(Double.NaN)));
            pRank.add(Headline.num(e.getValue().path("null_p_rank").asDouble(Double.NaN)));
        });
        rows.add(new String[] {"layer", String.join(", ", layers)});
        rows.add(new String[] {"1-D PCA explained variance of the frame IDs", String.join(", ", ev)});
        rows.add(new String[] {"frame-label permutation p of the explained variance", String.join(", ", pEv)});
        rows.add(new String[] {"rank correlation of the PCA scores with time", String.join(", ", rank)});
        rows.add(new String[] {"frame-label permutation p of the rank correlation", String.join(", ", pRank)});
        rows.add(new String[] {"the model's before/after answer accuracy on the probe videos",
                Headline.num(summary.path("answer_accuracy_on_probe_videos").asDouble(Double.NaN))});
        JsonNode head = summary.path("headline");
        double r = head.path("rank_correlation_with_time").asDouble(Double.NaN);
        double pEvHead = head.path("null_p_explained").asDouble(Double.NaN), pRankHead = head.path("null_p_rank").asDouble(Double.NaN);
        boolean reproduced = r >= 0.8 && pEvHead < NULL_ALPHA && pRankHead < NULL_ALPHA;
        return new Headline("Fig 10B — temporal IDs on a 1-D PCA",
                "Object tokens carry temporal IDs ordered by the frame the object appears in, along one direction.",
                (reproduced ? "reproduced" : "not reproduced") + " at L" + summary.path("pca_layer").asText()
                        + " (rank correlation " + Headline.num(r) + ", permutation p " + Headline.num(pEvHead) + " for the"
                        + " explained variance and " + Headline.num(pRankHead) + " for the order) — rule: rank correlation ≥ 0.8"
                        + " and both permutation p < " + NULL_ALPHA,
                "none", "frame-label permutation null (frame labels shuffled among the object observations, PCA refitted)", rows);
    }

    static Headline steer(JsonNode summary) {
        List<String[]> rows = new ArrayList<>();
        List<String> effective = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : summary.path("early_minus_late_effect").properties()) {
            double v = e.getValue().asDouble(Double.NaN);
            rows.add(new String[] {"L" + e.getKey() + ": early-minus-late effect on log P(before) − log P(after)", Headline.num(v)});
            if (v > EFFECT) effective.add("L" + e.getKey());
        }
        rows.add(new String[] {"samples; α", summary.path("samples").asText() + "; " + Headline.num(summary.path("alpha").asDouble())});
        JsonNode controls = summary.path("controls");
        boolean noise = controls.path("noise_abs").size() > 0;
        if (!controls.isMissingNode()) {
            rows.add(new String[] {"α of the dose–response", Headline.nums(Headline.doubles(controls.path("alphas")))});
            controls.path("id").properties().forEach(e -> rows.add(new String[] {"L" + e.getKey() + ": ID effect per α",
                    Headline.nums(Headline.doubles(e.getValue()))}));
            controls.path("noise_abs").properties().forEach(e -> rows.add(new String[] {"L" + e.getKey()
                    + ": same-norm noise, mean |effect| per α", Headline.nums(Headline.doubles(e.getValue()))}));
        }
        return new Headline("Fig 10C — temporal steering",
                "Steering an object's temporal ID toward early frames makes \"before\" likelier than steering it toward late frames.",
                (effective.isEmpty() ? "not reproduced" : "reproduced at " + effective) + " — rule: effect > " + EFFECT + " nat"
                        + (noise ? "; compare each layer's effect with the same-norm noise's mean |effect| at the same α (rows below)" : ""),
                "the mirror-centre frame's vector is zero by construction (no edit)"
                        + (noise ? "; a same-norm random direction at the two end frames" : "; no noise control in this run (--noise)"),
                noise ? "the noise condition at the same layer and α" : "none: mean over samples", rows);
    }

    static Headline grid(JsonNode summary) {
        List<String[]> rows = new ArrayList<>();
        summary.path("layers").properties().forEach(e -> {
            JsonNode l = e.getValue();
            rows.add(new String[] {"L" + e.getKey() + ": shares time / position / interaction; time axis explained, rank corr.",
                    Headline.nums(l.path("time_share").asDouble(Double.NaN), l.path("position_share").asDouble(Double.NaN),
                            l.path("interaction_share").asDouble(Double.NaN)) + "; "
                            + Headline.nums(l.path("time_axis_explained").asDouble(Double.NaN),
                            l.path("time_axis_rank_correlation").asDouble(Double.NaN))});
        });
        return new Headline("Fig A17 — spatiotemporal ID grid (a vlmscope extension, not a figure of the paper)",
                "(no claim in the paper) Do position and time have separate axes in the IDs over (cell × start frame)?",
                "descriptive: reported for every layer, no verdict", "none", "none", rows);
    }
}
