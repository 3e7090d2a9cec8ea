package vlmscope.experiments.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.report.Headline;
import vlmscope.results.ResultStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report headlines of the diagnoses: Fig 7 (depth), Fig 8A (ID deviation) and Fig 8B (blur). */
final class DiagnosisHeadlines {

    /** Significance level of the Mann–Whitney tests. */
    static final double ALPHA = 0.05;

    private DiagnosisHeadlines() {
    }

    static Headline depth(JsonNode summary) {
        List<String[]> rows = new ArrayList<>();
        boolean conflated = conflated(rows, "", summary.path("questions"));
        JsonNode clean = summary.path("cleanAccuracy");
        if (clean.size() > 0) rows.add(new String[] {"clean accuracy, above/below; front/behind",
                Headline.num(clean.path("height").asDouble(Double.NaN)) + "; " + Headline.num(clean.path("depth").asDouble(Double.NaN))});
        JsonNode counter = summary.path("counterCue");
        String counterVerdict = "; counter-cue scenes (height and depth disagree) not run (diagnose depth --scenes both)";
        if (!counter.isMissingNode()) {
            boolean counterConflated = conflated(rows, "counter-cue ", counter.path("questions"));
            JsonNode cc = counter.path("cleanAccuracy");
            double depthAccuracy = cc.path("depth").asDouble(Double.NaN);
            rows.add(new String[] {"counter-cue clean accuracy, above/below; front/behind",
                    Headline.num(cc.path("height").asDouble(Double.NaN)) + "; " + Headline.num(depthAccuracy)});
            counterVerdict = "; on counter-cue scenes (farther object drawn lower) the vertical steering "
                    + (counterConflated ? "still moves behind/front by the rule, so height drives the depth answer even where it"
                    + " contradicts size and occlusion" : "does not move behind/front by the rule")
                    + ", and front/behind is answered correctly " + Headline.num(depthAccuracy) + " of the time (below 0.5 ="
                    + " answered from height)";
        }
        return new Headline("Fig 7 — depth diagnosis",
                "The model reads depth from the vertical ID: steering an object up raises \"behind\" as it raises \"above\".",
                (conflated ? "reproduced on the world's depth scenes" : "not reproduced on the world's depth scenes")
                        + " — rule: at some layer the vertical steering moves above/below by > 1 nat and behind/front by more"
                        + " than half as much. In those scenes farther objects are drawn higher, so reading depth from height is"
                        + " the correct rule there" + counterVerdict,
                "the above/below question on the same scenes (the vertical ID's intended effect); counter-cue scenes where"
                        + " height and depth disagree",
                "none: mean ± std over samples per row (see the figure)", rows);
    }

    /** Adds each layer's top-minus-bottom effects to {@code rows}; whether some layer meets the Fig 7 rule. */
    private static boolean conflated(List<String[]> rows, String prefix, JsonNode questions) {
        JsonNode height = questions.path("height"), depth = questions.path("depth");
        boolean conflated = false;
        for (Map.Entry<String, JsonNode> l : height.properties()) {
            double h = l.getValue().path("topMinusBottom").asDouble(Double.NaN);
            double d = depth.path(l.getKey()).path("topMinusBottom").asDouble(Double.NaN);
            rows.add(new String[] {prefix + l.getKey() + ": top-minus-bottom effect, above/below vs behind/front",
                    Headline.num(h) + " vs " + Headline.num(d)});
            conflated |= h > 1 && d > 0.5 * h;
        }
        return conflated;
    }

    /** The verdict rule a diagnosis run judged answers by (its results header; substring for runs that predate the setting). */
    private static String verdictRule(ResultStore.Contents results) {
        return results.header().path("settings").path("verdictRule").asText("substring");
    }

    static Headline deviation(ResultStore.Contents results, JsonNode summary) {
        List<String[]> rows = new ArrayList<>();
        String verdict = "not judged (no layer)";
        for (Map.Entry<String, JsonNode> l : summary.path("layers").properties()) {
            JsonNode n = l.getValue();
            groups(rows, l.getKey() + ": ", n, "margin");
            verdict = mannWhitneyVerdict(n, "greater", "correct answers have larger margins than wrong ones (wrong = larger ID deviation)");
        }
        return new Headline("Fig 8A — ID deviation margins, correct vs wrong answers",
                "When the model answers wrongly, its object tokens' IDs deviate more from the ground-truth IDs of the boxes.",
                verdict, "the correct answers' margins; verdicts by the " + verdictRule(results) + " rule",
                "Mann–Whitney U, correct vs wrong (two-sided and one-sided)", rows);
    }

    static Headline blur(ResultStore.Contents results, JsonNode summary) {
        List<String[]> rows = new ArrayList<>();
        groups(rows, "", summary, "sensitivity");
        rows.add(new String[] {"samples skipped (no free box)", summary.path("skipped").asText()});
        return new Headline("Fig 8B — bounding-box blur sensitivity, correct vs wrong answers",
                "How much blurring the subject's box (against equally sized random boxes) costs the answer differs between"
                        + " correct and wrong answers (the paper's code states no direction and runs no test).",
                mannWhitneyVerdict(summary, "two-sided", "the sensitivities of correct and wrong answers differ"),
                "random boxes of the same size that avoid both objects; verdicts by the " + verdictRule(results) + " rule",
                "Mann–Whitney U, correct vs wrong (two-sided and one-sided)", rows);
    }

    private static void groups(List<String[]> rows, String prefix, JsonNode n, String quantity) {
        rows.add(new String[] {prefix + "answers correct / wrong / nonsense",
                n.path("correct").asText() + " / " + n.path("wrong").asText() + " / " + n.path("nonsense").asText()});
        rows.add(new String[] {prefix + "mean " + quantity + ", correct vs wrong",
                Headline.num(n.path("mean_" + quantity + "_correct").asDouble(Double.NaN)) + " vs "
                        + Headline.num(n.path("mean_" + quantity + "_wrong").asDouble(Double.NaN))});
        JsonNode mw = n.path("mannWhitney");
        rows.add(new String[] {prefix + "Mann–Whitney U; p two-sided, greater, less", mw.has("skipped") ? mw.path("skipped").asText()
                : Headline.num(mw.path("U").asDouble()) + "; " + Headline.nums(mw.path("p_two-sided").asDouble(Double.NaN),
                mw.path("p_greater").asDouble(Double.NaN), mw.path("p_less").asDouble(Double.NaN))});
    }

    /** "reproduced" when the one-sided test in the paper's direction (correct {@code alternative} wrong) is significant. */
    private static String mannWhitneyVerdict(JsonNode n, String alternative, String meaning) {
        JsonNode mw = n.path("mannWhitney");
        if (mw.has("skipped") || mw.isMissingNode()) return "not testable on this run: " + mw.path("skipped").asText("no test");
        double p = mw.path("p_" + alternative).asDouble(Double.NaN);
        int wrong = n.path("wrong").asInt();
        return (p < ALPHA ? "reproduced" : "not reproduced") + " (" + (alternative.equals("two-sided") ? "two-sided" : "one-sided") + " p = " + Headline.num(p) + " that " + meaning + ", with "
                + wrong + " wrong answers) — rule: p < " + ALPHA;
    }
}
