package vlmscope.verify;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/** Compares last-position logits with a fixture's {@code logits_last} block (top-10, watched and sampled ids, max, argmax). */
final class LogitChecks {

    private LogitChecks() {
    }

    static GroupResult compare(String name, JsonNode expected, float[] logits, Tolerances tol) {
        Comparison c = new Comparison(name, tol.abs(), tol.rel());
        c.require("vocab", expected.path("vocab").asInt(logits.length) == logits.length,
                "expected " + expected.path("vocab") + " logits, got " + logits.length);
        argmaxAndMax(c, expected, logits, tol);
        for (JsonNode top : expected.path("top10")) {
            int id = top.path("id").asInt();
            c.add("top10 id " + id, top.path("logit").asDouble(), logits[id]);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("sampled").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            c.add("sampled id " + e.getKey(), e.getValue().asDouble(), logits[Integer.parseInt(e.getKey())]);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("watch").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode ids = e.getValue().path("ids");
            JsonNode values = e.getValue().path("logits");
            for (int i = 0; i < ids.size(); i++) c.add("watch " + e.getKey(), values.get(i).asDouble(), logits[ids.get(i).asInt()]);
        }
        double sum = 0;
        for (float v : logits) sum += v;
        c.add("sum", expected.path("sum").asDouble(), sum, tol.abs() * Math.sqrt(logits.length) * 10);
        return c.result();
    }

    /** The argmax must match the fixture's (or tie it within tolerance); the max logit must match its {@code max}. */
    static void argmaxAndMax(Comparison c, JsonNode expected, float[] logits, Tolerances tol) {
        int argmax = 0;
        for (int i = 1; i < logits.length; i++) if (logits[i] > logits[argmax]) argmax = i;
        int expectedArgmax = expected.path("argmax").asInt();
        c.require("argmax", argmax == expectedArgmax || Math.abs(logits[argmax] - logits[expectedArgmax]) <= tol.abs(),
                "expected id " + expectedArgmax + ", got " + argmax);
        c.add("max", expected.path("max").asDouble(), logits[argmax]);
    }
}
