package vlmscope.experiments.steer;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.report.Headline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Fig 6 report headline: per layer the specificity of steering to a cell (see {@link ArbitrarySummary}). */
final class ArbitraryHeadline {

    private ArbitraryHeadline() {
    }

    static Headline of(JsonNode summary) {
        String mode = summary.path("mode").asText();
        List<String[]> rows = new ArrayList<>();
        List<String> specific = new ArrayList<>();
        boolean leftRight = false;
        for (Map.Entry<String, JsonNode> l : summary.path("layers").properties()) {
            JsonNode sp = l.getValue().path("specificity");
            double common = sp.path("commonShift").asDouble(Double.NaN), spread = sp.path("spread").asDouble(Double.NaN);
            String row = "common shift " + Headline.num(common) + ", spread " + Headline.num(spread);
            if (sp.has("towardMinusAway")) {
                leftRight = true;
                double toward = sp.path("towardMinusAway").asDouble();
                int wrong = sp.path("wrongDirectionTargets").asInt();
                row += ", toward − away " + Headline.num(toward) + ", wrong-direction targets " + wrong + "/" + sp.path("targets").asInt();
                if (toward > Math.abs(common) && wrong == 0) specific.add("L" + l.getKey());
            }
            rows.add(new String[] {"L" + l.getKey() + " (Δ margin " + sp.path("margin").asText() + ")", row});
        }
        rows.add(new String[] {"samples", summary.path("samples").asText()});
        String verdict = !leftRight
                ? "not judged: for " + mode + " questions the answer a target cell implies is not defined by vlmscope; the common"
                        + " shift (every target moves the answer alike) against the spread across targets is shown instead"
                : (specific.isEmpty() ? "not reproduced: no layer steers specifically" : "reproduced at " + specific)
                        + " — rule: toward − away larger than the common shift, and no target cell moving the answer the wrong way";
        return new Headline("Fig 6 — arbitrary steering to grid cells (" + mode + ")",
                "Steering an object's ID to a cell moves the answer as if the object were there.", verdict,
                "the mirror-side targets: a target in the left half must raise \"left\" as much as one in the right half"
                        + " lowers it (a shift common to all targets is not steering to a place)",
                "none: means over samples per target cell", rows);
    }
}
